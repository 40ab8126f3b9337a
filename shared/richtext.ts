import { z } from 'zod';

/**
 * Rich text as stored and exchanged: the ProseMirror/TipTap JSON document, restricted to what an
 * agreement needs — paragraphs, bold, italic, bulleted and numbered lists, line breaks, and the
 * fields that show the version's own period. Never HTML.
 */
export const textMark = z.object({ type: z.enum(['bold', 'italic']) }).strict();

export const textNode = z
  .object({
    type: z.literal('text'),
    text: z.string().min(1),
    marks: z.array(textMark).optional(),
  })
  .strict();

export const hardBreakNode = z.object({ type: z.literal('hardBreak') }).strict();

/** The dates of a version's period that text can show as fields. */
export const PERIOD_FIELDS = ['validFrom', 'validTo'] as const;
export type PeriodField = (typeof PERIOD_FIELDS)[number];

/**
 * A date of the version's own period ("1 januari 2019"), stored as which date it is rather than
 * as text: every rendering (editor, Word, redline) shows the period of the version it belongs to,
 * so a renewal's text names the new period without anyone editing it.
 */
export const periodFieldNode = z
  .object({
    type: z.literal('periodField'),
    attrs: z.object({ field: z.enum(PERIOD_FIELDS) }).strict(),
    marks: z.array(textMark).optional(),
  })
  .strict();
export type PeriodFieldNode = z.infer<typeof periodFieldNode>;

/** What each period field reads as in one rendering (a version's dates in one language). */
export type PeriodFieldValues = Record<PeriodField, string>;

const inline = z.union([textNode, hardBreakNode, periodFieldNode]);
export type InlineNode = z.infer<typeof inline>;

export const paragraphNode = z
  .object({
    type: z.literal('paragraph'),
    content: z.array(inline).optional(),
  })
  .strict();

export type ParagraphNode = z.infer<typeof paragraphNode>;
export interface ListNode {
  type: 'bulletList' | 'orderedList';
  attrs?: { start?: number; type?: string | null };
  content: ListItemNode[];
}
export interface ListItemNode {
  type: 'listItem';
  content: Array<ParagraphNode | ListNode>;
}
export type BlockNode = ParagraphNode | ListNode;

export const listNode: z.ZodType<ListNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(['bulletList', 'orderedList']),
      attrs: z.object({ start: z.number().int().min(0).optional(), type: z.string().nullable().optional() }).optional(),
      content: z.array(listItemNode).min(1),
    })
    .strict(),
);

export const listItemNode: z.ZodType<ListItemNode> = z.lazy(() =>
  z
    .object({
      type: z.literal('listItem'),
      content: z.array(z.union([paragraphNode, listNode])).min(1),
    })
    .strict(),
);

export const blockNode: z.ZodType<BlockNode> = z.union([paragraphNode, listNode]);

/** Lists nested deeper than this are refused: no agreement needs them, and Word shows nine levels. */
export const MAX_LIST_NESTING = 9;
/** Characters of text in one document (about 150 pages). */
export const MAX_RICHTEXT_CHARS = 500_000;

/** Deepest list nesting and total text length, walked without recursion. */
export function measureRichText(blocks: BlockNode[]): { nesting: number; chars: number } {
  let nesting = 0;
  let chars = 0;
  const stack: Array<{ block: BlockNode; level: number }> = blocks.map((block) => ({ block, level: 0 }));
  while (stack.length > 0) {
    const { block, level } = stack.pop()!;
    if (block.type === 'paragraph') {
      for (const node of block.content ?? []) if (node.type === 'text') chars += node.text.length;
      continue;
    }
    nesting = Math.max(nesting, level + 1);
    for (const item of block.content) for (const child of item.content) stack.push({ block: child, level: level + 1 });
  }
  return { nesting, chars };
}

export const richTextDoc = z
  .object({
    type: z.literal('doc'),
    content: z.array(blockNode).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const { nesting, chars } = measureRichText(doc.content);
    if (nesting > MAX_LIST_NESTING) ctx.addIssue({ code: 'custom', path: ['content'], message: 'too_deep' });
    if (chars > MAX_RICHTEXT_CHARS) ctx.addIssue({ code: 'custom', path: ['content'], message: 'too_long' });
  });
export type RichTextDoc = z.infer<typeof richTextDoc>;

export const emptyDoc = (): RichTextDoc => ({ type: 'doc', content: [] });

/** A doc of plain paragraphs, one per line of text. */
export function docFromParagraphs(paragraphs: string[]): RichTextDoc {
  return {
    type: 'doc',
    content: paragraphs.map((text) => ({
      type: 'paragraph' as const,
      content: text ? [{ type: 'text' as const, text }] : undefined,
    })),
  };
}

/** The text an inline node shows: its own, a line break, or the value of its period field. */
export function inlineText(node: InlineNode, fields: PeriodFieldValues): string {
  if (node.type === 'text') return node.text;
  if (node.type === 'periodField') return fields[node.attrs.field];
  return '\n';
}

/**
 * The text a reader sees, one block per line; list items are prefixed ("• ", "1. "), and period
 * fields show `fields`. Used for comparing versions.
 */
export function richTextToLines(doc: RichTextDoc, fields: PeriodFieldValues): string[] {
  const lines: string[] = [];
  const paragraphText = (p: ParagraphNode) => (p.content ?? []).map((n) => inlineText(n, fields)).join('');
  const walk = (blocks: BlockNode[], prefix: string) => {
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        lines.push(prefix + paragraphText(block));
        continue;
      }
      const start = block.attrs?.start ?? 1;
      block.content.forEach((item, index) => {
        const marker = block.type === 'orderedList' ? `${start + index}. ` : '• ';
        item.content.forEach((child, childIndex) => {
          const itemPrefix = childIndex === 0 ? prefix + marker : prefix + ' '.repeat(marker.length);
          walk([child], child.type === 'paragraph' ? itemPrefix : prefix + '  ');
        });
      });
    }
  };
  walk(doc.content, '');
  return lines;
}
