import { Document, HeadingLevel, Paragraph, TextRun, BorderStyle } from 'docx';
import { packDocxSync } from '../export/pack';
import type { ExportedDocument, RenderOptions } from '../export/document';
import type { Party } from '../../../shared/contract/agreements';
import type { AgreementContent } from '../records/snapshot';
import { ListNumbering, richTextParagraphs } from './docx-richtext';
import { documentStyles, pageFooter } from './docx-page';
import { docxLabels } from './labels';
import { periodFieldValues } from '../../../shared/period-dates';
import type { DocumentLanguage } from '../../../shared/contract/common';

const line = (text: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text, ...options });

function titlePage(v: AgreementContent, lang: DocumentLanguage, options: RenderOptions): Paragraph[] {
  const l = docxLabels[lang];
  const out: Paragraph[] = [];
  // first on the page, so nobody takes a translation for the record
  if (options.translationOf)
    out.push(
      new Paragraph({
        spacing: { after: 240 },
        children: [
          new TextRun({
            text: l.translationOf(options.translationOf.sealedAt, options.translationOf.sha256),
            italics: true,
          }),
        ],
      }),
    );
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [line(v.title)] }));
  // the agreement's full name under a short version title
  if (v.agreementName !== v.title)
    out.push(new Paragraph({ spacing: { after: 240 }, children: [line(v.agreementName, { size: 28 })] }));
  if (v.dnr) out.push(new Paragraph({ children: [line(`${l.dnr}: `, { bold: true }), line(v.dnr)] }));
  out.push(new Paragraph({ spacing: { before: 240 }, children: [line(l.parties, { bold: true })] }));
  for (const p of v.parties) out.push(new Paragraph({ indent: { left: 360 }, children: [line(p.organisationName)] }));
  out.push(
    new Paragraph({
      spacing: { before: 240 },
      children: [line(`${l.validity}: `, { bold: true }), line(l.period(v.validFrom, v.validTo))],
    }),
  );
  if (v.storedStatus !== 'signed')
    out.push(new Paragraph({ spacing: { before: 480 }, children: [line(l.status[v.storedStatus], { bold: true })] }));
  return out;
}

function sectionsPart(v: AgreementContent, lists: ListNumbering, lang: DocumentLanguage): Paragraph[] {
  const fields = periodFieldValues(v, lang);
  return v.sections.flatMap((s, index) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: index === 0,
      children: [line(`${index + 1}. ${s.heading}`)],
    }),
    ...richTextParagraphs(s.body, lists, fields),
  ]);
}

function prioritiesPart(v: AgreementContent, lang: DocumentLanguage): Paragraph[] {
  if (v.priorities.length === 0) return [];
  const l = docxLabels[lang];
  const out = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [line(`${v.sections.length + 1}. ${l.priorities}`)] }),
  ];
  v.priorities.forEach((p, index) => {
    out.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [line(`${v.sections.length + 1}.${index + 1} ${p.title}`)],
      }),
    );
    if (p.description) out.push(new Paragraph({ children: [line(p.description)] }));
    const source = [p.source, p.sourceDate].filter(Boolean).join(', ');
    if (source) out.push(new Paragraph({ children: [line(`${l.source}: `, { bold: true }), line(source)] }));
    if (p.responsible.length) {
      out.push(
        new Paragraph({
          children: [
            line(`${l.responsible}: `, { bold: true }),
            line(p.responsible.map((r) => r.organisationName).join(', ')),
          ],
        }),
      );
    }
  });
  return out;
}

/** One block per signatory: place and date, the line to sign on, name, title, organisation, and how it was signed. */
function signatureBlock(p: Party, lang: DocumentLanguage): Paragraph[] {
  const l = docxLabels[lang];
  const keep = { keepNext: true, keepLines: true };
  const signed = p.signing;
  // how the signing was given; a record sealed before personal signatures does not say, and nothing is added
  const proof = signed?.proof;
  const how = !proof
    ? null
    : proof.kind === 'digital'
      ? l.digitallySigned(proof.certificate)
      : l.recordedBy(proof.operator);
  const ruled = (text: string, label: string) => [
    new Paragraph({
      ...keep,
      spacing: { before: 360, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      indent: { right: 4320 },
      children: [line(text || ' ')],
    }),
    new Paragraph({ ...keep, spacing: { after: 60 }, children: [line(label, { size: 16 })] }),
  ];
  return [
    ...ruled(signed ? `${signed.place} ${signed.signedOn}` : '', l.placeAndDate),
    ...ruled('', l.signature),
    new Paragraph({
      ...keep,
      spacing: { before: 120, after: 0 },
      children: [line(signed?.name ?? p.signatoryName, { bold: true })],
    }),
    ...((signed?.title ?? p.signatoryTitle)
      ? [new Paragraph({ ...keep, spacing: { after: 0 }, children: [line((signed?.title ?? p.signatoryTitle)!)] })]
      : []),
    new Paragraph({
      keepLines: true,
      keepNext: how !== null,
      spacing: { after: how === null ? 480 : 0 },
      children: [line(signed?.organisation ?? p.organisationName)],
    }),
    ...(how === null
      ? []
      : [new Paragraph({ keepLines: true, spacing: { after: 480 }, children: [line(how, { size: 16 })] })]),
  ];
}

function signaturePage(v: AgreementContent, lang: DocumentLanguage): Paragraph[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [line(docxLabels[lang].signatures)],
    }),
    ...v.parties.flatMap((p) => signatureBlock(p, lang)),
  ];
}

export function agreementFileName(
  v: Pick<AgreementContent, 'id' | 'validFrom' | 'validTo'>,
  lang: DocumentLanguage,
): string {
  return `${docxLabels[lang].fileStem}_${v.validFrom}_${v.validTo}_v${v.id}_${lang}.docx`;
}

/**
 * The agreement version as a Word document, in Swedish or English: title page, the sections
 * with their formatting, the priorities, and a signature page; page numbers in the footer and,
 * for a signed version, its content hash.
 */
export function agreementDocx(
  v: AgreementContent,
  lang: DocumentLanguage,
  options: RenderOptions = {},
): ExportedDocument {
  const l = docxLabels[lang];
  const lists = new ListNumbering();
  const body = [
    ...titlePage(v, lang, options),
    ...sectionsPart(v, lists, lang),
    ...prioritiesPart(v, lang),
    ...signaturePage(v, lang),
  ];
  const hashLine =
    v.storedStatus === 'signed' && v.contentHash
      ? `${l.hash}: ${v.contentHash}`
      : `${l.status[v.storedStatus]} – ${l.notSigned}`;
  const document = new Document({
    title: v.title,
    subject: v.agreementName,
    description: v.dnr ? `${l.dnr} ${v.dnr}` : undefined,
    creator: 'Samråd',
    styles: documentStyles,
    numbering: { config: lists.config() },
    sections: [{ footers: { default: pageFooter(lang, hashLine) }, children: body }],
  });
  return { fileName: agreementFileName(v, lang), bytes: packDocxSync(document, { timestamp: options.timestamp }) };
}
