import {
  BorderStyle,
  Document,
  TableLayoutType,
  Header,
  HeadingLevel,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Ctx } from '../context';
import { packDocxSync } from '../export/pack';
import type { ExportedDocument, RenderOptions } from '../export/document';
import type {
  AttendeeLine,
  AttestationLine,
  CorrectionContent,
  ExtractContent,
  MeetingHeader,
  ParagraphContent,
  ProtocolContent,
} from '../records/snapshot';
import { getMeeting } from './meetings';
import { listAttendance } from './attendance';
import { listAgenda } from './agenda';
import { invalidState } from './errors';
import { EXPORT_TEXTS, paragraphRangeText, type ExportTexts } from './export-texts';
import type { DocumentLanguage } from '../../../shared/contract/common';

type Lang = DocumentLanguage;

const FONT = 'Calibri';
const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, ...options });

/** Multi-line text as one Word paragraph per line (empty lines kept as spacing). */
function lines(value: string | null, options: { indent?: boolean } = {}): Paragraph[] {
  if (!value) return [];
  return value.split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        children: [text(line)],
        indent: options.indent ? { left: 567 } : undefined,
        spacing: { after: 60 },
      }),
  );
}

const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_3) =>
  new Paragraph({
    heading: level,
    children: [text(value, { bold: true })],
    spacing: { before: 200, after: 60 },
    keepNext: true,
  });

const label = (value: string) =>
  new Paragraph({ children: [text(value, { bold: true })], spacing: { before: 120 }, keepNext: true });

/** Body name, document kind and page x of y on every page; the meeting date below. */
function pageHeader(t: ExportTexts, bodyName: string, kind: string, date: string): Header {
  const [pre, , mid] = t.page('', '');
  return new Header({
    children: [
      new Paragraph({
        tabStops: [
          { type: TabStopType.CENTER, position: 4680 },
          { type: TabStopType.RIGHT, position: 9360 },
        ],
        children: [
          text(bodyName, { bold: true }),
          new TextRun({
            font: FONT,
            children: ['\t', kind.toUpperCase(), '\t', pre, PageNumber.CURRENT, mid, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
      new Paragraph({
        tabStops: [{ type: TabStopType.CENTER, position: 4680 }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 4 } },
        children: [new TextRun({ font: FONT, children: ['\t', `${t.meetingDate} ${date}`] })],
      }),
    ],
  });
}

function document(header: Header, children: Array<Paragraph | Table>, title: string): Document {
  return new Document({
    creator: 'Samråd',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1134, left: 1418, right: 1134 } } },
        headers: { default: header },
        children,
      },
    ],
  });
}

function attendeeLine(
  t: ExportTexts,
  a: Pick<
    AttendeeLine,
    'personName' | 'personTitle' | 'organisationName' | 'role' | 'substituteFor' | 'participatesIn'
  >,
): string {
  if (a.substituteFor) return t.substitutes(a.personName, a.substituteFor.name);
  const role = t.roles[a.role];
  const what = role || [a.personTitle, a.organisationName].filter(Boolean).join(', ');
  return [a.personName, what, a.participatesIn].filter(Boolean).join(', ');
}

/** Beslutande, Övriga deltagande: who took part, with substitutes as "NN ersätter MM". */
function attendanceBlocks(t: ExportTexts, attendance: AttendeeLine[]): Paragraph[] {
  const deciding = attendance.filter((a) => a.decisionMaker);
  const others = attendance.filter((a) => a.status === 'present' && !a.decisionMaker);
  return [
    heading(t.decisionMakers),
    ...(deciding.length
      ? deciding.map((a) => new Paragraph({ children: [text(attendeeLine(t, a))] }))
      : [new Paragraph({ children: [text(t.none)] })]),
    heading(t.othersPresent),
    ...(others.length
      ? others.map((a) => new Paragraph({ children: [text(attendeeLine(t, a))] }))
      : [new Paragraph({ children: [text(t.none)] })]),
  ];
}

const placeAndTime = (t: ExportTexts, m: MeetingHeader) =>
  `${m.place ? `${m.place}, ` : ''}${m.date} ${t.at} ${m.startTime}–${m.endTime}`;

function signatureBlock(roleLabel: string, name: string, attestedLine: string | null): Paragraph[] {
  return [
    label(roleLabel),
    new Paragraph({ children: [text('.'.repeat(60))], spacing: { before: 360 } }),
    new Paragraph({ children: [text(name)] }),
    ...(attestedLine ? [new Paragraph({ children: [text(attestedLine, { italics: true })] })] : []),
  ];
}

/** One § as it appears in the protocol and in an extract. */
function paragraphBlocks(t: ExportTexts, p: ParagraphContent): Paragraph[] {
  const out: Paragraph[] = [heading(`§ ${p.number} ${p.title}`, HeadingLevel.HEADING_2)];
  if (p.dnr) out.push(new Paragraph({ children: [text(`${t.dnr} ${p.dnr}`, { italics: true })] }));
  out.push(...lines(p.background));
  if (p.decision) out.push(label(t.decision), ...lines(p.decision));
  if (p.notes) out.push(label(t.notes), ...lines(p.notes));
  if (p.recusals.length)
    out.push(
      label(t.recusal),
      new Paragraph({ children: [text(t.recusalText(p.recusals.map((r) => r.personName).join(', ')))] }),
    );
  if (p.actions.length) {
    out.push(label(t.actions));
    for (const a of p.actions) {
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [text(`${a.description} (${t.owner} ${a.ownerName}${a.dueDate ? `, ${t.due} ${a.dueDate}` : ''})`)],
        }),
      );
    }
  }
  if (p.distribution) out.push(label(t.distribution), ...lines(p.distribution));
  if (p.immediatelyAttested) out.push(new Paragraph({ children: [text(t.immediatelyAttested, { italics: true })] }));
  for (const c of p.corrections) out.push(label(t.correction(c.date, c.author)), ...lines(c.text));
  return out;
}

function safeFileName(...parts: string[]): string {
  return `${parts
    .join(' ')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .trim()}.docx`;
}

function attestedLineFor(t: ExportTexts, attestations: AttestationLine[], personId: number | undefined): string | null {
  const a = attestations.find((x) => x.personId === personId);
  return a ? t.attestedOn(a.date) : null;
}

/** "Translation of the record sealed …": first on the page, so nobody takes it for the record. */
function translationNotice(t: ExportTexts, options: RenderOptions): Paragraph[] {
  if (!options.translationOf) return [];
  return [
    new Paragraph({
      spacing: { after: 240 },
      children: [
        text(t.translationOf(options.translationOf.sealedAt, options.translationOf.sha256), { italics: true }),
      ],
    }),
  ];
}

/** Sammanträdesprotokoll: the front page in the order Swedish users expect, then every § in order. */
export function protocolDocx(content: ProtocolContent, lang: Lang, options: RenderOptions = {}): ExportedDocument {
  const t = EXPORT_TEXTS[lang];
  const { meeting, attendance, attestations } = content;
  const attestationPlaceAndTime =
    [content.attestationPlace, content.attestationDate].filter(Boolean).join(', ') || t.none;
  const children: Array<Paragraph | Table> = [
    ...translationNotice(t, options),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [text(`${meeting.bodyName} – ${t.protocol}`, { bold: true, size: 32 })],
    }),
    heading(t.placeAndTime),
    new Paragraph({ children: [text(placeAndTime(t, meeting))] }),
    ...attendanceBlocks(t, attendance),
    heading(t.appointedToAttest),
    new Paragraph({ children: [text(meeting.justerare.map((j) => j.name).join(', ') || t.none)] }),
    heading(t.attestationPlaceAndTime),
    new Paragraph({ children: [text(attestationPlaceAndTime)] }),
    heading(t.paragraphs),
    new Paragraph({ children: [text(paragraphRangeText(content.paragraphRange))] }),
    heading(t.signatures),
    ...signatureBlock(t.secretary, meeting.secretary?.name ?? '', null),
    ...signatureBlock(t.chair, meeting.chair?.name ?? '', attestedLineFor(t, attestations, meeting.chair?.id)),
    ...meeting.justerare.flatMap((j) => signatureBlock(t.attester, j.name, attestedLineFor(t, attestations, j.id))),
  ];
  if (!content.attested)
    children.push(
      new Paragraph({
        children: [
          text(options.sentForAttestation ? t.sentForAttestation(options.sentForAttestation) : t.notYetAttested, {
            italics: true,
          }),
        ],
        spacing: { before: 240 },
      }),
    );
  children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  for (const p of content.paragraphs) children.push(...paragraphBlocks(t, p));
  if (content.corrections.length) {
    children.push(heading(t.correctionsHeading, HeadingLevel.HEADING_2));
    for (const c of content.corrections) children.push(label(t.correction(c.date, c.author)), ...lines(c.text));
  }
  const fileName = safeFileName(t.fileProtocol, meeting.bodyName, meeting.date);
  const doc = document(
    pageHeader(t, meeting.bodyName, t.protocol, meeting.date),
    children,
    `${t.protocol} ${meeting.bodyName} ${meeting.date}`,
  );
  return { fileName, bytes: packDocxSync(doc, { timestamp: options.timestamp }) };
}

/** Protokollsutdrag: header, attendance, the one §, and the secretary's certification. */
export function extractDocx(content: ExtractContent, lang: Lang, options: RenderOptions = {}): ExportedDocument {
  const t = EXPORT_TEXTS[lang];
  const { meeting, paragraph: p, attestations } = content;
  const children: Array<Paragraph | Table> = [
    ...translationNotice(t, options),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [text(`${meeting.bodyName} – ${t.extract}`, { bold: true, size: 32 })],
    }),
    heading(t.placeAndTime),
    new Paragraph({ children: [text(placeAndTime(t, meeting))] }),
    ...attendanceBlocks(t, content.attendance),
    heading(t.appointedToAttest),
    new Paragraph({ children: [text(meeting.justerare.map((j) => j.name).join(', ') || t.none)] }),
    heading(t.paragraphs),
    new Paragraph({ children: [text(`§ ${p.number}`)] }),
    ...paragraphBlocks(t, p),
    heading(t.signatures),
    ...(attestations.length
      ? attestations.map(
          (a) =>
            new Paragraph({
              children: [
                text(
                  `${a.role === 'ordforande' ? t.chair : t.attester}: ${a.name}, ${t.attestedOn(a.date).toLowerCase()}`,
                ),
              ],
            }),
        )
      : [new Paragraph({ children: [text(t.notYetAttested, { italics: true })] })]),
    heading(t.certification),
    new Paragraph({ children: [text(t.certificationText)] }),
    ...signatureBlock(t.secretary, meeting.secretary?.name ?? '', null),
  ];
  const fileName = safeFileName(t.fileExtract, meeting.bodyName, meeting.date, `§ ${p.number}`);
  const doc = document(
    pageHeader(t, meeting.bodyName, t.extract, meeting.date),
    children,
    `${t.extract} ${meeting.bodyName} ${meeting.date} § ${p.number}`,
  );
  return { fileName, bytes: packDocxSync(doc, { timestamp: options.timestamp }) };
}

/** Rättelse: its own short document naming the protocol (and §) and the sealed record it corrects. */
export function correctionDocx(content: CorrectionContent, lang: Lang, options: RenderOptions = {}): ExportedDocument {
  const t = EXPORT_TEXTS[lang];
  const { meeting, paragraph, correction } = content;
  const concerns = `${meeting.bodyName} ${meeting.date}${paragraph ? ` § ${paragraph.number} ${paragraph.title}` : ''}`;
  const children: Array<Paragraph | Table> = [
    ...translationNotice(t, options),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [text(t.correctionOf(concerns), { bold: true, size: 32 })],
    }),
    new Paragraph({
      children: [text(t.correctionRecord(content.corrects.documentSha256), { italics: true })],
      spacing: { after: 200 },
    }),
    heading(t.correctionDate),
    new Paragraph({ children: [text(correction.date)] }),
    heading(t.correctionAuthor),
    new Paragraph({ children: [text(correction.author)] }),
    heading(t.correctionText),
    ...lines(correction.text),
  ];
  const fileName = safeFileName(
    t.fileCorrection,
    meeting.bodyName,
    meeting.date,
    ...(paragraph ? [`§ ${paragraph.number}`] : []),
    correction.date,
  );
  const doc = document(
    pageHeader(t, meeting.bodyName, t.correctionTitle, meeting.date),
    children,
    `${t.correctionTitle} ${concerns}`,
  );
  return { fileName, bytes: packDocxSync(doc, { timestamp: options.timestamp }) };
}

/** Column widths in twips (the text width is 9354): LibreOffice ignores percentage widths. */
const COLUMNS = [1000, 1800, 4554, 2000];
const cell = (children: Paragraph[], column: number, shade = false) =>
  new TableCell({
    children,
    width: { size: COLUMNS[column], type: WidthType.DXA },
    shading: shade ? { fill: 'E7E6E6' } : undefined,
  });

/** Kallelse med dagordning: time, place, who is invited, and the agenda with its time plan. */
export function agendaDocx(ctx: Ctx, meetingId: number, lang: Lang): ExportedDocument {
  const t = EXPORT_TEXTS[lang];
  const meeting = getMeeting(ctx, meetingId);
  if (meeting.status === 'cancelled') throw invalidState('cancelled', 'The meeting is cancelled');
  const agenda = listAgenda(ctx, meetingId);
  const invited = listAttendance(ctx, meetingId).filter((a) => a.status === 'present' || a.role === 'ersattare');
  const headerRow = new TableRow({
    tableHeader: true,
    children: [
      cell([new Paragraph({ children: [text(t.item, { bold: true })] })], 0, true),
      cell([new Paragraph({ children: [text(t.clock, { bold: true })] })], 1, true),
      cell([new Paragraph({ children: [text(t.matter, { bold: true })] })], 2, true),
      cell([new Paragraph({ children: [text(t.presenter, { bold: true })] })], 3, true),
    ],
  });
  const rows = agenda.map((item, index) => {
    const details = [
      t.kinds[item.kind],
      item.dnr ? `${t.dnr} ${item.dnr}` : null,
      item.priorityName ? `${t.priority}: ${item.priorityName}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return new TableRow({
      cantSplit: true,
      children: [
        cell([new Paragraph({ children: [text(String(index + 1))] })], 0),
        cell([new Paragraph({ children: [text(`${item.startsAt}–${item.endsAt}`)] })], 1),
        cell(
          [
            new Paragraph({ children: [text(item.title, { bold: true })] }),
            ...lines(item.description),
            new Paragraph({ children: [text(details, { italics: true, size: 18 })] }),
          ],
          2,
        ),
        cell([new Paragraph({ children: [text(item.presenter ?? '')] })], 3),
      ],
    });
  });
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [text(`${meeting.bodyName} – ${t.agendaTitle}`, { bold: true, size: 32 })],
    }),
    heading(t.time),
    new Paragraph({ children: [text(`${meeting.date} ${t.at} ${meeting.startTime}–${meeting.endTime}`)] }),
    heading(t.place),
    new Paragraph({ children: [text(meeting.place ?? t.none)] }),
    heading(t.invited),
    ...(invited.length
      ? invited.map(
          (a) =>
            new Paragraph({ children: [text(attendeeLine(t, { ...a, substituteFor: null, participatesIn: null }))] }),
        )
      : [new Paragraph({ children: [text(t.none)] })]),
    heading(t.agenda),
    new Table({
      width: { size: COLUMNS.reduce((a, c) => a + c, 0), type: WidthType.DXA },
      columnWidths: COLUMNS,
      layout: TableLayoutType.FIXED,
      rows: [headerRow, ...rows],
    }),
  ];
  if (meeting.notes) children.push(new Paragraph({ children: [] }), ...lines(meeting.notes));
  const fileName = safeFileName(t.fileAgenda, meeting.bodyName, meeting.date);
  const doc = document(
    pageHeader(t, meeting.bodyName, t.agendaTitle, meeting.date),
    children,
    `${t.agendaTitle} ${meeting.bodyName} ${meeting.date}`,
  );
  return { fileName, bytes: packDocxSync(doc) };
}
