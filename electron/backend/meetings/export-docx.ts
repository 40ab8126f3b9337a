import {
  BorderStyle,
  Document,
  Footer,
  TableLayoutType,
  Header,
  HeadingLevel,
  NoBreakHyphen,
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
import { today } from '../session/time-zone';
import { packDocxSync } from '../export/pack';
import type { ExportedDocument, RenderOptions } from '../export/document';
import type {
  AttachmentLine,
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
import { documentLine, EXPORT_TEXTS, paragraphRangeText, type ExportTexts } from './export-texts';
import { agendaItemAttachments } from './attachments';
import type { DocumentLanguage } from '../../../shared/contract/common';

type Lang = DocumentLanguage;

const FONT = 'Calibri';
/** The spelling dictionary Word and LibreOffice use for the document's text. */
const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** A run's text with every ISO date joined by non-breaking hyphens, so "2018-12-31" never breaks at a line end. */
function withUnbreakableDates(value: string): Array<string | NoBreakHyphen> {
  const out: Array<string | NoBreakHyphen> = [];
  let at = 0;
  for (const match of value.matchAll(ISO_DATE)) {
    const [date] = match;
    out.push(value.slice(at, match.index), date.slice(0, 4), new NoBreakHyphen());
    out.push(date.slice(5, 7), new NoBreakHyphen(), date.slice(8));
    at = match.index + date.length;
  }
  out.push(value.slice(at));
  return out.filter((part) => part !== '');
}

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ children: withUnbreakableDates(value), font: FONT, ...options });

/** A clock time as the language writes it: "09.00" in Swedish, "09:00" in English. */
export const clockText = (time: string, lang: Lang) => (lang === 'sv' ? time.replace(':', '.') : time);

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

/** The organisations behind the body on every page; below them body name, document kind and page x of y; then the meeting date. */
function pageHeader(t: ExportTexts, organisations: string[], bodyName: string, kind: string, date: string): Header {
  const [pre, , mid] = t.page('', '');
  return new Header({
    children: [
      ...(organisations.length
        ? [new Paragraph({ children: [text(organisations.join(' · '), { size: 18 })], spacing: { after: 60 } })]
        : []),
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
        children: [new TextRun({ font: FONT, children: ['\t', ...withUnbreakableDates(`${t.meetingDate} ${date}`)] })],
      }),
    ],
  });
}

/**
 * The organisations of the body's own members as the attendance names them, in roster order:
 * the parties of the samverkan, shown in the page header (guests' organisations are not the body's).
 */
export function organisationsOf(attendance: Array<Pick<AttendeeLine, 'organisationName' | 'role'>>): string[] {
  return [
    ...new Set(attendance.filter((a) => a.role !== 'ovrig' && a.organisationName).map((a) => a.organisationName!)),
  ];
}

/** "Justerandes signatur" and one initials box per person who attests, at the foot of every page. */
function signatureFooter(t: ExportTexts, attesters: number): Footer {
  const box = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const boxes = Math.max(attesters, 1);
  return new Footer({
    children: [
      new Table({
        width: { size: 2400 + boxes * 1100, type: WidthType.DXA },
        columnWidths: [2400, ...Array<number>(boxes).fill(1100)],
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({
            height: { value: 560, rule: 'atLeast' },
            children: [
              new TableCell({
                width: { size: 2400, type: WidthType.DXA },
                borders: { top: none, bottom: none, left: none, right: box },
                children: [new Paragraph({ children: [text(t.attestersInitials, { size: 18 })] })],
              }),
              ...Array.from(
                { length: boxes },
                () =>
                  new TableCell({
                    width: { size: 1100, type: WidthType.DXA },
                    borders: { top: box, bottom: box, left: box, right: box },
                    children: [new Paragraph({ children: [] })],
                  }),
              ),
            ],
          }),
        ],
      }),
    ],
  });
}

function document(
  lang: Lang,
  parts: { header: Header; footer?: Footer },
  children: Array<Paragraph | Table>,
  title: string,
): Document {
  return new Document({
    creator: 'Samråd',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22, language: { value: LOCALES[lang] } } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1134, left: 1418, right: 1134 } } },
        headers: { default: parts.header },
        ...(parts.footer ? { footers: { default: parts.footer } } : {}),
        children,
      },
    ],
  });
}

/** "Camilla Broo, ordförande, Södertälje kommun", "Anders Wikström ersätter Peter Nylind, Södertälje lokalpolisområde", "Sara Ek, enhetschef, § 13" */
function attendeeLine(
  t: ExportTexts,
  a: Pick<
    AttendeeLine,
    'personName' | 'personTitle' | 'organisationName' | 'role' | 'substituteFor' | 'participatesIn'
  >,
): string {
  const who = a.substituteFor
    ? t.substitutes(a.personName, a.substituteFor.name)
    : [a.personName, t.roles[a.role] || a.personTitle].filter(Boolean).join(', ');
  return [who, a.organisationName, a.participatesIn].filter(Boolean).join(', ');
}

/** The §§ each person took no part in because of jäv, by person id. */
function recusedParagraphs(paragraphs: Array<Pick<ParagraphContent, 'number' | 'recusals'>>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of paragraphs)
    for (const r of p.recusals) out.set(r.personId, [...(out.get(r.personId) ?? []), p.number]);
  return out;
}

/** Beslutande, Övriga deltagande: who took part, with substitutes as "NN ersätter MM" and "(ej § N)" after a member with jäv. */
function attendanceBlocks(
  t: ExportTexts,
  attendance: AttendeeLine[],
  paragraphs: Array<Pick<ParagraphContent, 'number' | 'recusals'>>,
): Paragraph[] {
  const deciding = attendance.filter((a) => a.decisionMaker);
  const others = attendance.filter((a) => a.status === 'present' && !a.decisionMaker);
  const recused = recusedParagraphs(paragraphs);
  const decidingLine = (a: AttendeeLine) => {
    const numbers = recused.get(a.personId);
    return numbers ? `${attendeeLine(t, a)} ${t.notIn(numbers)}` : attendeeLine(t, a);
  };
  return [
    heading(t.decisionMakers),
    ...(deciding.length
      ? deciding.map((a) => new Paragraph({ children: [text(decidingLine(a))] }))
      : [new Paragraph({ children: [text(t.none)] })]),
    heading(t.othersPresent),
    ...(others.length
      ? others.map((a) => new Paragraph({ children: [text(attendeeLine(t, a))] }))
      : [new Paragraph({ children: [text(t.none)] })]),
  ];
}

const meetingTime = (t: ExportTexts, lang: Lang, m: Pick<MeetingHeader, 'date' | 'startTime' | 'endTime'>) =>
  `${m.date} ${t.at} ${clockText(m.startTime, lang)}–${clockText(m.endTime, lang)}`;

const placeAndTime = (t: ExportTexts, lang: Lang, m: MeetingHeader) =>
  `${m.place ? `${m.place}, ` : ''}${meetingTime(t, lang, m)}`;

function signatureBlock(roleLabel: string, name: string, attestedLine: string | null): Paragraph[] {
  return [
    label(roleLabel),
    new Paragraph({ children: [text('.'.repeat(60))], spacing: { before: 360 } }),
    new Paragraph({ children: [text(name)] }),
    ...(attestedLine ? [new Paragraph({ children: [text(attestedLine, { italics: true })] })] : []),
  ];
}

/** One § as it appears in the protocol and in an extract. */
function paragraphBlocks(t: ExportTexts, lang: Lang, p: ParagraphContent): Paragraph[] {
  const out: Paragraph[] = [heading(`§ ${p.number} ${p.title}`, HeadingLevel.HEADING_2)];
  if (p.dnr) out.push(new Paragraph({ children: [text(`${t.dnr} ${p.dnr}`, { italics: true })] }));
  // jäv is noted where the matter begins, before anything the member took no part in
  if (p.recusals.length)
    out.push(
      new Paragraph({
        children: [
          text(`${t.recusal}: `, { bold: true }),
          text(t.recusalText(p.recusals.map((r) => r.personName).join(', '))),
        ],
        spacing: { after: 60 },
      }),
    );
  out.push(...lines(p.background));
  if (p.attachments?.length) out.push(label(t.decisionBasis), ...documentList(lang, p.attachments));
  if (p.decision) out.push(label(t.decision), ...lines(withoutAttestationSentence(p)));
  if (p.notes) out.push(label(t.notes), ...lines(p.notes));
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
  if (p.immediatelyAttested)
    out.push(new Paragraph({ children: [text(immediateAttestationLine(t, p), { italics: true })] }));
  for (const c of p.corrections) out.push(label(t.correction(c.date, c.author)), ...lines(c.text));
  return out;
}

/** Each handling on its own line, with its SHA-256 beneath in small print, so the record names exactly which file. */
function documentList(lang: Lang, files: AttachmentLine[]): Paragraph[] {
  return files.flatMap((f) => [
    new Paragraph({ bullet: { level: 0 }, keepNext: true, children: [text(documentLine(f, lang))] }),
    new Paragraph({ indent: { left: 720 }, children: [text(`SHA-256 ${f.sha256}`, { size: 16 })] }),
  ]);
}

/** Anslagsbevis: the protocol's own block to fill in when its attestation is posted on the notice board. */
function announcementBlock(t: ExportTexts, m: MeetingHeader): Paragraph[] {
  const blank = '_'.repeat(40);
  const row = (name: string, value: string) =>
    new Paragraph({ children: [text(`${name}: `, { bold: true }), text(value)], spacing: { before: 120 } });
  return [
    heading(t.announcement),
    new Paragraph({ children: [text(t.announcementText)] }),
    row(t.announcementBody, m.bodyName),
    row(t.meetingDate, m.date),
    row(t.announcementPosted, blank),
    row(t.announcementRemoved, blank),
    row(t.announcementKeptAt, blank),
    row(t.announcementSignature, blank),
  ];
}

/** How a Beslut says itself that it is attested at once, in either language the secretary writes in. */
const ATTEST_AT_ONCE_SENTENCE =
  /\s*(?:Paragrafen justeras omedelbart|This paragraph is (?:to be )?attested immediately)\.?\s*$/i;

/**
 * A § attested at once gets one attestation line: the decision's own closing "Paragrafen
 * justeras omedelbart." (as secretaries write it in the Beslut) is left out of the rendering,
 * since the line below says the same with its date.
 */
function withoutAttestationSentence(p: ParagraphContent): string | null {
  if (!p.immediatelyAttested || !p.decision) return p.decision;
  return p.decision.replace(ATTEST_AT_ONCE_SENTENCE, '').trimEnd() || null;
}

/** "Paragrafen justerades omedelbart 2018-03-13." */
function immediateAttestationLine(t: ExportTexts, p: ParagraphContent): string {
  const dates = [...new Set(p.attestations.map((a) => a.date))].sort();
  return t.immediatelyAttested(dates.at(-1) ?? null);
}

function safeFileName(...parts: string[]): string {
  return `${parts
    .join(' ')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .trim()}.docx`;
}

function attestedLineFor(t: ExportTexts, attestations: AttestationLine[], personId: number | undefined): string | null {
  const a = attestations.find((x) => x.personId === personId);
  if (!a) return null;
  // records sealed before personal signatures carry no proof: their line stays as it was
  if (!a.proof) return t.attestedOn(a.date);
  const how = a.proof.kind === 'digital' ? t.digitallySigned(a.proof.certificate) : t.recordedBy(a.proof.operator);
  return `${t.attestedOn(a.date)}, ${how}`;
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

/** One box per person who attests: the chair and each justerare. */
const attesterCount = (m: MeetingHeader) => (m.chair ? 1 : 0) + m.justerare.length;

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
    new Paragraph({ children: [text(placeAndTime(t, lang, meeting))] }),
    ...attendanceBlocks(t, attendance, content.paragraphs),
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
  if (content.announcement) children.push(...announcementBlock(t, meeting));
  children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  for (const p of content.paragraphs) children.push(...paragraphBlocks(t, lang, p));
  if (content.corrections.length) {
    children.push(heading(t.correctionsHeading, HeadingLevel.HEADING_2));
    for (const c of content.corrections) children.push(label(t.correction(c.date, c.author)), ...lines(c.text));
  }
  const fileName = safeFileName(t.fileProtocol, meeting.bodyName, meeting.date);
  const doc = document(
    lang,
    {
      header: pageHeader(t, organisationsOf(attendance), meeting.bodyName, t.protocol, meeting.date),
      footer: signatureFooter(t, attesterCount(meeting)),
    },
    children,
    `${t.protocol} ${meeting.bodyName} ${meeting.date}`,
  );
  return { fileName, bytes: packDocxSync(doc, { timestamp: options.timestamp }) };
}

/** Protokollsutdrag: header, attendance, the one §, and the secretary's dated certification. */
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
    new Paragraph({ children: [text(placeAndTime(t, lang, meeting))] }),
    ...attendanceBlocks(t, content.attendance, [p]),
    heading(t.appointedToAttest),
    new Paragraph({ children: [text(meeting.justerare.map((j) => j.name).join(', ') || t.none)] }),
    heading(t.paragraphs),
    new Paragraph({ children: [text(`§ ${p.number}`)] }),
    ...paragraphBlocks(t, lang, p),
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
    // snapshots sealed before extracts were dated carry no date; they stay as they were
    ...(content.certifiedOn ? [new Paragraph({ children: [text(t.certifiedOn(content.certifiedOn))] })] : []),
    ...signatureBlock(t.secretary, meeting.secretary?.name ?? '', null),
  ];
  const fileName = safeFileName(t.fileExtract, meeting.bodyName, meeting.date, `§ ${p.number}`);
  const doc = document(
    lang,
    {
      header: pageHeader(t, organisationsOf(content.attendance), meeting.bodyName, t.extract, meeting.date),
      footer: signatureFooter(t, attesterCount(meeting)),
    },
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
    lang,
    { header: pageHeader(t, [], meeting.bodyName, t.correctionTitle, meeting.date) },
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
  const attendance = listAttendance(ctx, meetingId);
  const invited = attendance.filter((a) => a.status === 'present' || a.role === 'ersattare');
  const secretary = meeting.secretary && attendance.find((a) => a.personId === meeting.secretary!.id);
  const sender = meeting.secretary
    ? [meeting.secretary.name, t.roles.sekreterare, secretary?.organisationName].filter(Boolean).join(', ')
    : t.none;
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
        cell(
          [new Paragraph({ children: [text(`${clockText(item.startsAt, lang)}–${clockText(item.endsAt, lang)}`)] })],
          1,
        ),
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
    new Paragraph({ children: [text(`${t.noticeDate}: `, { bold: true }), text(today(ctx))] }),
    new Paragraph({ children: [text(`${t.sender}: `, { bold: true }), text(sender)] }),
    heading(t.time),
    new Paragraph({ children: [text(meetingTime(t, lang, meeting))] }),
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
  const documents = agenda.map((item, index) => ({ item, index, files: agendaItemAttachments(ctx, item.id) }));
  children.push(heading(t.documents));
  if (documents.some((d) => d.files.length))
    for (const { item, index, files } of documents.filter((d) => d.files.length))
      children.push(label(t.itemDocuments(index + 1, item.title)), ...documentList(lang, files));
  else children.push(new Paragraph({ children: [text(t.documentsNone)] }));
  children.push(heading(t.hindrance), new Paragraph({ children: [text(t.hindranceText)] }));
  const fileName = safeFileName(t.fileAgenda, meeting.bodyName, meeting.date);
  const doc = document(
    lang,
    { header: pageHeader(t, organisationsOf(attendance), meeting.bodyName, t.agendaTitle, meeting.date) },
    children,
    `${t.agendaTitle} ${meeting.bodyName} ${meeting.date}`,
  );
  return { fileName, bytes: packDocxSync(doc) };
}
