import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every message key the agreement rules can send to the user — field keys in the contract and
 * the errors, reasons in the errors — has a Swedish and an English text.
 */
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const sources = [read('shared/contract/agreements.ts'), read('electron/backend/agreements/errors.ts')].join('\n');

function keysUsed(kind: 'validation' | 'reasons'): string[] {
  const found = new Set<string>();
  for (const m of sources.matchAll(new RegExp(`agreements\\.${kind}\\.([a-z_]+)`, 'g'))) found.add(m[1]);
  // short forms: v('key') in the contract, field('key') and reason('key') in errors.ts
  const helper = kind === 'validation' ? /\b(?:v|field)\('([a-z_]+)'\)/g : /\breason\('([a-z_]+)'\)/g;
  for (const m of sources.matchAll(helper)) found.add(m[1]);
  // date('key') in the contract builds a validation key too
  if (kind === 'validation') for (const m of sources.matchAll(/\bdate\('([a-z_]+)'\)/g)) found.add(m[1]);
  return [...found].sort();
}

describe('agreement messages', () => {
  for (const lang of ['sv', 'en']) {
    const locale = JSON.parse(read(`renderer/i18n/locales/${lang}/agreements.json`)) as {
      validation: Record<string, string>;
      reasons: Record<string, string>;
    };
    it(`has a ${lang} text for every validation key and reason`, () => {
      const validation = keysUsed('validation');
      const reasons = keysUsed('reasons');
      expect(validation.length).toBeGreaterThan(10);
      expect(reasons.length).toBeGreaterThan(8);
      expect(validation.filter((k) => !locale.validation[k])).toEqual([]);
      expect(reasons.filter((k) => !locale.reasons[k])).toEqual([]);
    });
  }
});
