import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Ctx } from '../context';
import { packDocxSync } from '../export/pack';
import type { ExportedDocument } from '../export/document';
import { currentActorName } from '../session/actor';
import type { RedlineBlock, Segment } from '../../../shared/contract/agreements';
import { compareVersions } from './redline';
import { documentStyles, pageFooter } from './docx-page';
import { docxLabels } from './labels';
import type { DocumentLanguage } from '../../../shared/contract/common';

/**
 * Turns word-level segments into Word paragraphs with real tracked changes: inserted text in
 * w:ins, deleted text in w:del, so Word and LibreOffice show (and can accept or reject) them.
 * A line break inside the text starts a new paragraph.
 */
class TrackedWriter {
  private nextId = 1;
  constructor(
    private readonly author: string,
    private readonly date: string,
  ) {}

  private run(kind: Segment['kind'], text: string, bold: boolean): ParagraphChild {
    if (kind === 'equal') return new TextRun({ text, bold: bold || undefined });
    const change = { id: this.nextId++, author: this.author, date: this.date, text, bold: bold || undefined };
    return kind === 'insert' ? new InsertedTextRun(change) : new DeletedTextRun(change);
  }

  paragraphs(
    segments: Segment[],
    options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; bold?: boolean; prefix?: string } = {},
  ): Paragraph[] {
    const lines: ParagraphChild[][] = [[]];
    if (options.prefix) lines[0].push(new TextRun({ text: options.prefix, bold: options.bold || undefined }));
    for (const segment of segments) {
      segment.text.split('\n').forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part) lines.at(-1)!.push(this.run(segment.kind, part, Boolean(options.bold)));
      });
    }
    return lines.map((children) => new Paragraph({ heading: options.heading, children }));
  }
}

function blockParagraphs(
  writer: TrackedWriter,
  block: RedlineBlock,
  number: string,
  lang: DocumentLanguage,
): Paragraph[] {
  const l = docxLabels[lang];
  const label = new Paragraph({
    children: [new TextRun({ text: `(${l.changeNames[block.change]})`, italics: true, size: 18 })],
  });
  return [
    ...writer.paragraphs(block.heading, { heading: HeadingLevel.HEADING_2, prefix: `${number} ` }),
    label,
    ...writer.paragraphs(block.body),
  ];
}

export function redlineFileName(fromId: number, toId: number, lang: DocumentLanguage): string {
  return `${docxLabels[lang].redlineStem}_v${fromId}_v${toId}_${lang}.docx`;
}

/** The comparison of two versions as a Word document with tracked changes. */
export function redlineDocx(ctx: Ctx, fromId: number, toId: number, lang: DocumentLanguage): ExportedDocument {
  const l = docxLabels[lang];
  const redline = compareVersions(ctx, fromId, toId, lang);
  const writer = new TrackedWriter(
    currentActorName(ctx),
    ctx.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  );
  const describe = (v: typeof redline.from) =>
    `${v.title} (${l.period(v.validFrom, v.validTo)}, ${l.status[v.status]})`;
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(l.redlineTitle)] }),
    new Paragraph({
      children: [new TextRun({ text: `${l.redlineFrom}: `, bold: true }), new TextRun(describe(redline.from))],
    }),
    new Paragraph({
      children: [new TextRun({ text: `${l.redlineTo}: `, bold: true }), new TextRun(describe(redline.to))],
    }),
    new Paragraph({ children: [new TextRun({ text: l.redlineLegend, italics: true })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.redlineFields)] }),
  ];
  for (const field of redline.fields) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(l.fieldNames[field.field])] }));
    body.push(...writer.paragraphs(field.segments.length ? field.segments : [{ kind: 'equal', text: '–' }]));
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.redlineSections)] }));
  redline.sections.forEach((block, index) => body.push(...blockParagraphs(writer, block, `${index + 1}.`, lang)));
  if (redline.priorities.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.priorities)] }));
    redline.priorities.forEach((block, index) => body.push(...blockParagraphs(writer, block, `${index + 1}.`, lang)));
  }
  const document = new Document({
    title: `${l.redlineTitle}: ${redline.from.title} → ${redline.to.title}`,
    creator: 'Samråd',
    styles: documentStyles,
    sections: [{ footers: { default: pageFooter(lang, null) }, children: body }],
  });
  return { fileName: redlineFileName(fromId, toId, lang), bytes: packDocxSync(document) };
}
