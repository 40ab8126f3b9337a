import { AlignmentType, LevelFormat, Paragraph, TextRun, type NumberingDefinition } from 'docx';
import {
  inlineText,
  type BlockNode,
  type ParagraphNode,
  type PeriodFieldValues,
  type RichTextDoc,
} from '../../../shared/richtext';

/**
 * Structured rich text (shared/richtext.ts) as Word paragraphs: bold and italic runs, and
 * bulleted and numbered lists with real Word numbering (numbering.xml + w:numPr), each list
 * its own numbering instance so every numbered list counts from its own start.
 */
export const BULLETS = 'samrad-bullets';
const numbersRef = (start: number) => `samrad-numbers-${start}`;

const INDENT_STEP = 360;

function levels(format: 'bullet' | 'decimal', start = 1) {
  const bulletGlyphs = ['•', '◦', '▪'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? bulletGlyphs[level % 3] : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    start: format === 'bullet' ? undefined : start,
    style: { paragraph: { indent: { left: INDENT_STEP * (level + 2), hanging: INDENT_STEP } } },
  }));
}

/** Collects the list definitions a document needs while its paragraphs are built. */
export class ListNumbering {
  private starts = new Set<number>([1]);
  private nextInstance = 1;

  /** A fresh instance number: one per list, so numbering restarts for every list. */
  instance(): number {
    return this.nextInstance++;
  }

  numbersReference(start: number): string {
    this.starts.add(start);
    return numbersRef(start);
  }

  config(): NumberingDefinition[] {
    return [
      { reference: BULLETS, levels: levels('bullet') },
      ...[...this.starts].map((start) => ({ reference: numbersRef(start), levels: levels('decimal', start) })),
    ];
  }
}

/** A paragraph's runs; period fields read as `fields` (the version's own dates). */
export function inlineRuns(paragraph: ParagraphNode, fields: PeriodFieldValues): TextRun[] {
  return (paragraph.content ?? []).map((node) =>
    node.type === 'hardBreak'
      ? new TextRun({ text: '', break: 1 })
      : new TextRun({
          text: inlineText(node, fields),
          bold: node.marks?.some((m) => m.type === 'bold') || undefined,
          italics: node.marks?.some((m) => m.type === 'italic') || undefined,
        }),
  );
}

export function richTextParagraphs(doc: RichTextDoc, lists: ListNumbering, fields: PeriodFieldValues): Paragraph[] {
  const out: Paragraph[] = [];
  const walk = (blocks: BlockNode[], list: { reference: string; instance: number; level: number } | null) => {
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        out.push(
          new Paragraph({
            children: inlineRuns(block, fields),
            numbering: list ? { reference: list.reference, level: list.level, instance: list.instance } : undefined,
            spacing: { after: list ? 60 : 160 },
          }),
        );
        continue;
      }
      const level = list ? list.level + 1 : 0;
      const reference = block.type === 'bulletList' ? BULLETS : lists.numbersReference(block.attrs?.start ?? 1);
      // a nested list stays in its parent's instance when of the same kind, so levels count together
      const instance = list && list.reference === reference ? list.instance : lists.instance();
      for (const item of block.content) {
        item.content.forEach((child, index) => {
          if (child.type === 'paragraph' && index > 0) {
            // a second paragraph in the same item: indented, without a new number
            out.push(
              new Paragraph({
                children: inlineRuns(child, fields),
                indent: { left: INDENT_STEP * (level + 2) },
                spacing: { after: 60 },
              }),
            );
          } else {
            walk([child], { reference, instance, level });
          }
        });
      }
    }
  };
  walk(doc.content, null);
  return out;
}
