import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNING_PROBLEMS } from '../../../shared/contract/signing';
import { findings } from './problems';

const LOCALES = path.resolve(__dirname, '../../../renderer/i18n/locales');
const problemsIn = (lang: string) =>
  (
    JSON.parse(fs.readFileSync(path.join(LOCALES, lang, 'signing.json'), 'utf8')) as {
      problems: Record<string, string>;
    }
  ).problems;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('verifier findings', () => {
  it('each code has its English sentence for the CLI and a translation in both locales naming the same values', () => {
    for (const code of SIGNING_PROBLEMS) {
      const found = findings();
      found.add(code, {
        part: 'word/document.xml',
        uri: '#idSignedProperties',
        relationship: 'r#1',
        bytes: '12',
        reason: 'x',
      });
      expect(found.issues).toEqual([{ code, params: expect.any(Object) }]);
      expect(found.problems[0], code).not.toMatch(/undefined/);
      for (const lang of ['sv', 'en']) {
        const text = problemsIn(lang)[code];
        expect(text, `${lang}: ${code}`).toBeTruthy();
        expect(placeholders(text), `${lang}: ${code}`).toEqual(placeholders(problemsIn('en')[code]));
      }
    }
  });

  it('keeps the sentences the CLI has always printed', () => {
    const found = findings();
    found.add('part_changed', { part: 'word/document.xml' });
    found.add('trailing_bytes', { bytes: '7' });
    expect(found.problems).toEqual([
      'word/document.xml: changed after signing',
      '7 bytes follow the end of the zip package (added after signing, or hidden content)',
    ]);
  });
});
