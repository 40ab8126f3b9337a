import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/** Data of a synthetic protocol shaped like the meetings export: header, participants, then §§. */
export interface SyntheticParagraph {
  number: number;
  title: string;
  dnr: string;
  background: string;
  decision: string;
}

export function syntheticParagraphs(count: number): SyntheticParagraph[] {
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    title: `Lägesbild: trygghet i bostadsområden och centrum, punkt ${i + 1}`,
    dnr: `KS 2017/${100 + i}`,
    background:
      'Lokalpolisområdet och kommunen redovisar läget i Hovsjö, Ronna och Geneta. Antalet anmälda bostadsinbrott har minskat jämfört med föregående kvartal; fordonsbränder förekommer fortfarande i Fornhöjden.',
    decision:
      'Chefssamrådet beslutar att lägga informationen till handlingarna och ge samordnaren i uppdrag att återkomma med en uppföljning.',
  }));
}

const HEADER = { body: 'Chefssamrådet', date: '2017-03-14', place: 'Stadshuset, Södertälje, kl. 09.00–11.30' };
const PEOPLE = [
  'Boel Godner, ordförande (Södertälje kommun)',
  'Per Jonsson, lokalpolisområdeschef (Polisen)',
  'Lars Nilsson, förbundsdirektör (Södertörns brandförsvarsförbund)',
];

/** The protocol as a docx Document, the model Samråd's exports use. */
export function syntheticProtocolDocument(paragraphs: SyntheticParagraph[]): Document {
  const cell = (text: string, bold = false) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
    });
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Protokoll ${HEADER.body}`)] }),
    new Paragraph({ children: [new TextRun({ text: HEADER.date, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ children: [cell('Plats och tid', true), cell(HEADER.place)] }),
        new TableRow({ children: [cell('Beslutande', true), cell(PEOPLE.join('\n'))] }),
        new TableRow({ children: [cell('Utses att justera', true), cell('Per Jonsson')] }),
        new TableRow({ children: [cell('Paragrafer', true), cell(`§§ 1–${paragraphs.length}`)] }),
      ],
    }),
  ];
  for (const p of paragraphs) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        children: [new TextRun(`§ ${p.number} ${p.title}`)],
      }),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `Dnr ${p.dnr}`, italics: true })],
      }),
      new Paragraph({ children: [new TextRun(p.background)] }),
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'auto', space: 4 } },
        children: [new TextRun({ text: 'Beslut', bold: true })],
      }),
      new Paragraph({ children: [new TextRun(p.decision)] }),
    );
  }
  return new Document({
    creator: 'Samråd',
    title: `Protokoll ${HEADER.body} ${HEADER.date}`,
    sections: [{ children }],
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

/** The practical limit: the same document.xml written directly as a string. */
export function plainDocumentXml(paragraphs: SyntheticParagraph[]): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
    `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run(`Protokoll ${HEADER.body}`)}</w:p><w:p>${run(HEADER.date, '<w:b/>')}</w:p>`,
    '<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/></w:tblPr>',
  ];
  for (const [k, v] of [
    ['Plats och tid', HEADER.place],
    ['Beslutande', PEOPLE.join('\n')],
    ['Utses att justera', 'Per Jonsson'],
    ['Paragrafer', `§§ 1–${paragraphs.length}`],
  ]) {
    out.push(
      `<w:tr><w:tc><w:tcPr><w:tcW w:type="pct" w:w="2500"/></w:tcPr><w:p>${run(k, '<w:b/>')}</w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="pct" w:w="2500"/></w:tcPr><w:p>${run(v)}</w:p></w:tc></w:tr>`,
    );
  }
  out.push('</w:tbl>');
  for (const p of paragraphs) {
    out.push(
      `<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:keepNext/></w:pPr>${run(`§ ${p.number} ${p.title}`)}</w:p>`,
      `<w:p><w:pPr><w:jc w:val="right"/></w:pPr>${run(`Dnr ${p.dnr}`, '<w:i/>')}</w:p>`,
      `<w:p>${run(p.background)}</w:p>`,
      `<w:p><w:pPr><w:pBdr><w:top w:val="single" w:color="auto" w:sz="4" w:space="4"/></w:pBdr></w:pPr>${run('Beslut', '<w:b/>')}</w:p>`,
      `<w:p>${run(p.decision)}</w:p>`,
    );
  }
  out.push('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>');
  return out.join('');
}
