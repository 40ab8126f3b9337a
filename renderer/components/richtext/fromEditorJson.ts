import {
  PERIOD_FIELDS,
  richTextDoc,
  type BlockNode,
  type InlineNode,
  type ListItemNode,
  type PeriodField,
  type RichTextDoc,
} from '../../../shared/richtext';

/** A loose ProseMirror JSON node, as the editor hands it out. */
interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type?: string }>;
  content?: PmNode[];
}

const allowedMarks = new Set(['bold', 'italic']);

const isPeriodField = (value: unknown): value is PeriodField => PERIOD_FIELDS.includes(value as PeriodField);

function inline(nodes: PmNode[] | undefined) {
  const out: InlineNode[] = [];
  for (const node of nodes ?? []) {
    const marks = (node.marks ?? [])
      .map((m) => m.type)
      .filter((m): m is 'bold' | 'italic' => !!m && allowedMarks.has(m))
      .map((type) => ({ type }));
    const marked = marks.length ? { marks } : {};
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'periodField' && isPeriodField(node.attrs?.field))
      out.push({ type: 'periodField', attrs: { field: node.attrs.field }, ...marked });
    else if (node.type === 'text' && node.text) out.push({ type: 'text', text: node.text, ...marked });
  }
  return out;
}

function blocks(nodes: PmNode[] | undefined): BlockNode[] {
  const out: BlockNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'paragraph') {
      const content = inline(node.content);
      out.push(content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items: ListItemNode[] = (node.content ?? [])
        .filter((item) => item.type === 'listItem')
        .map((item) => {
          const content = blocks(item.content) as ListItemNode['content'];
          return { type: 'listItem' as const, content: content.length ? content : [{ type: 'paragraph' as const }] };
        });
      if (items.length === 0) continue;
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      out.push(
        node.type === 'orderedList' && start !== 1
          ? { type: node.type, attrs: { start }, content: items }
          : { type: node.type, content: items },
      );
    } else if (node.content) {
      // Anything else (pasted from elsewhere) keeps its text as plain blocks rather than being lost.
      out.push(...blocks(node.content));
    }
  }
  return out;
}

/**
 * Turns the editor's JSON into the stored rich-text format: only paragraphs, bold, italic, lists,
 * line breaks and period fields survive, and the result is checked with the shared schema. A document holding only
 * one empty paragraph (what an empty editor shows) is the empty document.
 */
export function fromEditorJson(json: unknown): RichTextDoc {
  const root = (json ?? {}) as PmNode;
  let content = blocks(root.content);
  if (content.length === 1 && content[0].type === 'paragraph' && !content[0].content) content = [];
  return richTextDoc.parse({ type: 'doc', content });
}

/** True when two documents hold the same content (the editor's own JSON compared with a stored value). */
export function sameDoc(a: RichTextDoc, b: RichTextDoc): boolean {
  return JSON.stringify(fromEditorJson(a)) === JSON.stringify(fromEditorJson(b));
}
