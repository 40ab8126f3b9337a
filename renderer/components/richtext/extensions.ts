import StarterKit from '@tiptap/starter-kit';
import type { PeriodField } from '../../../shared/richtext';
import { PeriodFieldNode } from './periodField';

/**
 * Only what an agreement needs: paragraphs, bold, italic, bulleted and numbered lists, line breaks
 * (and undo), and the period fields, each showing `text(field)`. Everything else in the starter kit is
 * switched off, so pasted headings, links or code arrive as plain paragraphs and the editor's
 * JSON always fits `shared/richtext.ts`.
 */
export const richTextExtensions = (text: (field: PeriodField) => string, describe: (field: PeriodField) => string) => [
  PeriodFieldNode.configure({ text, describe }),
  StarterKit.configure({
    heading: false,
    code: false,
    codeBlock: false,
    blockquote: false,
    strike: false,
    underline: false,
    link: false,
    horizontalRule: false,
  }),
];
