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
    expect(richTextToLines(doc, { validFrom: '1 januari 2019', validTo: '31 december 2020' })).toEqual([
      'Parterna åtar sig',
      '1. Bostadsinbrott',
      '2. Fordonsbränder',
      '• Polis',
    ]);
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

  it('shows a period field as the dates it is given, with the text around it', () => {
    const doc = richTextDoc.parse({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Gäller från och med den ' },
            { type: 'periodField', attrs: { field: 'validFrom' } },
            { type: 'text', text: ' till och med den ' },
            { type: 'periodField', attrs: { field: 'validTo' }, marks: [{ type: 'bold' }] },
          ],
        },
      ],
    });
    expect(richTextToLines(doc, { validFrom: '1 januari 2019', validTo: '31 december 2020' })).toEqual([
      'Gäller från och med den 1 januari 2019 till och med den 31 december 2020',
    ]);
    // only the two dates of the period exist as fields
    expect(
      richTextDoc.safeParse({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'periodField', attrs: { field: 'signedOn' } }] }],
      }).success,
    ).toBe(false);
  });

  it('builds a doc from plain paragraphs', () => {
    expect(richTextToLines(docFromParagraphs(['Ett', '', 'Två']), { validFrom: '', validTo: '' })).toEqual([
      'Ett',
      '',
      'Två',
    ]);
  });
});
