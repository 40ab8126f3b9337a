import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { richTextDoc, type RichTextDoc } from '../../../shared/richtext';
import { richTextExtensions } from './extensions';
import { fromEditorJson, sameDoc } from './fromEditorJson';

const schema = getSchema(richTextExtensions(String, String));

const sample: RichTextDoc = richTextDoc.parse({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Parterna ' },
        { type: 'text', text: 'åtar sig', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'att samverka till ' },
        { type: 'periodField', attrs: { field: 'validTo' }, marks: [{ type: 'bold' }] },
        { type: 'text', text: '.' },
      ],
    },
    { type: 'paragraph' },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bostadsinbrott' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Fordonsbränder' }] },
            {
              type: 'bulletList',
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ronna' }] }] },
              ],
            },
          ],
        },
      ],
    },
  ],
});

describe('editor JSON ↔ stored rich text', () => {
  it('the editor schema accepts every stored document and gives the same document back', () => {
    const node = Node.fromJSON(schema, sample);
    node.check();
    expect(fromEditorJson(node.toJSON())).toEqual(sample);
  });

  it('the editor has no headings, code, quotes, strike, links or rules', () => {
    for (const name of ['heading', 'codeBlock', 'blockquote', 'horizontalRule'])
      expect(schema.nodes[name]).toBeUndefined();
    for (const name of ['code', 'strike', 'link', 'underline']) expect(schema.marks[name]).toBeUndefined();
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic']);
  });

  it('an empty editor is the empty document, and default list attributes are dropped', () => {
    expect(fromEditorJson({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual({ type: 'doc', content: [] });
    const list = fromEditorJson({
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ett' }] }] }],
        },
      ],
    });
    expect(list.content[0]).toEqual({
      type: 'orderedList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ett' }] }] }],
    });
  });

  it('keeps the text of unknown nodes and drops unknown marks and attributes', () => {
    const doc = fromEditorJson({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Rubrik' }] },
        {
          type: 'blockquote',
          content: [
            {
              type: 'paragraph',
              attrs: { textAlign: 'left' },
              content: [
                { type: 'text', text: 'Citat', marks: [{ type: 'link', attrs: { href: 'x' } }, { type: 'bold' }] },
              ],
            },
          ],
        },
      ],
    });
    expect(doc).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Citat', marks: [{ type: 'bold' }] }] }],
    });
  });

  it('keeps a period field as the date it stands for, never as its text, and drops an unknown one', () => {
    const doc = fromEditorJson({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'periodField', attrs: { field: 'validFrom' } },
            { type: 'periodField', attrs: { field: 'signedOn' } },
          ],
        },
      ],
    });
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'periodField', attrs: { field: 'validFrom' } }] },
    ]);
  });

  it('compares documents by content', () => {
    expect(sameDoc({ type: 'doc', content: [] }, { type: 'doc', content: [{ type: 'paragraph' }] })).toBe(true);
    expect(sameDoc(sample, { type: 'doc', content: [] })).toBe(false);
  });
});
