import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';

/**
 * Swedish first, English second, and never one without the other: every namespace file
 * exists in both languages with exactly the same keys, no value is empty, and a sentence
 * uses the same {{placeholders}} in both.
 */

const LOCALES = path.resolve(__dirname, '../../renderer/i18n/locales');
const LANGUAGES = ['sv', 'en'] as const;

type Tree = { [key: string]: string | Tree };

const namespaces = (lang: string) =>
  fs
    .readdirSync(path.join(LOCALES, lang))
    .filter((f) => f.endsWith('.json'))
    .sort();
const load = (lang: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8')) as Tree;

/** Every leaf as `a.b.c` → value; anything that is neither text nor a nested object is reported as such. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of leaves(value, at)) out.set(k, v);
    else out.set(at, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  it('have the same namespace files in sv and en', () => {
    const [sv, en] = LANGUAGES.map(namespaces);
    expect(sv).toContain('common.json');
    const onlySv = sv.filter((f) => !en.includes(f));
    const onlyEn = en.filter((f) => !sv.includes(f));
    expect({ onlyInSv: onlySv, onlyInEn: onlyEn }).toEqual({ onlyInSv: [], onlyInEn: [] });
  });

  for (const file of namespaces('sv').filter((f) => namespaces('en').includes(f))) {
    describe(file, () => {
      const sv = leaves(load('sv', file));
      const en = leaves(load('en', file));

      it('has exactly the same key paths in sv and en', () => {
        const missingInEn = [...sv.keys()].filter((k) => !en.has(k));
        const missingInSv = [...en.keys()].filter((k) => !sv.has(k));
        expect({ missingInEn, missingInSv }, `${file}: keys differ`).toEqual({ missingInEn: [], missingInSv: [] });
      });

      it('has no empty or non-text values', () => {
        const bad = LANGUAGES.flatMap((lang) =>
          [...(lang === 'sv' ? sv : en)]
            .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
            .map(([k, v]) => `${lang}/${file} ${k} = ${JSON.stringify(v)}`),
        );
        expect(bad).toEqual([]);
      });

      it('uses the same {{placeholders}} in both languages', () => {
        const differing = [...sv.keys()]
          .filter((k) => typeof sv.get(k) === 'string' && typeof en.get(k) === 'string')
          .filter((k) => placeholders(sv.get(k) as string).join() !== placeholders(en.get(k) as string).join())
          .map(
            (k) =>
              `${k}: sv {{${placeholders(sv.get(k) as string).join(', ')}}} en {{${placeholders(en.get(k) as string).join(', ')}}}`,
          );
        expect(differing).toEqual([]);
      });
    });
  }

  it('translate every error code the contract can return', () => {
    for (const lang of LANGUAGES) {
      const common = leaves(load(lang, 'common.json'));
      expect(
        ERROR_CODES.filter((code) => !common.has(`errors.${code}`)),
        lang,
      ).toEqual([]);
    }
  });
});
