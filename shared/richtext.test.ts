import { describe, expect, it } from 'vitest';
import { docFromParagraphs, richTextDoc, richTextToLines } from './richtext';

describe('rich text', () => {
  it('accepts paragraphs, marks and nested lists, and renders the lines a reader sees', () => {
    const doc = richTextDoc.parse({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Parterna ' },
            { type: 'text', text: 'åtar sig', marks: [{ type: 'bold' }] },
          ],
        },
        {
          type: 'orderedList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bostadsinbrott' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fordonsbränder' }] }] },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Polis' }] }] }],
        },
      ],
    });
    expect(richTextToLines(doc)).toEqual(['Parterna åtar sig', '1. Bostadsinbrott', '2. Fordonsbränder', '• Polis']);
  });

  it('refuses HTML-ish or unknown nodes and marks', () => {
    expect(richTextDoc.safeParse({ type: 'doc', content: [{ type: 'html', html: '<b>x</b>' }] }).success).toBe(false);
    expect(
      richTextDoc.safeParse({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link' }] }] }],
      }).success,
    ).toBe(false);
  });

  it('builds a doc from plain paragraphs', () => {
    expect(richTextToLines(docFromParagraphs(['Ett', '', 'Två']))).toEqual(['Ett', '', 'Två']);
  });
});
