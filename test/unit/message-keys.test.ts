import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The backend speaks in message keys (zod messages, field errors, error reasons); the UI
 * translates them. This finds every literal key in shared/ and the backend and checks that
 * Swedish and English both have it, so a typo never reaches the user as a raw key.
 */

const ROOT = path.resolve(__dirname, '../..');
const LOCALES = path.join(ROOT, 'renderer/i18n/locales');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function lookup(lang: string, fullKey: string): boolean {
  const get = (file: string, keyPath: string) => {
    const at = path.join(LOCALES, lang, file);
    if (!fs.existsSync(at)) return undefined;
    return keyPath
      .split('.')
      .reduce<unknown>(
        (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
        JSON.parse(fs.readFileSync(at, 'utf8')),
      );
  };
  const [namespace, ...rest] = fullKey.split('.');
  const found = get('common.json', fullKey) ?? (rest.length ? get(`${namespace}.json`, rest.join('.')) : undefined);
  return typeof found === 'string' && found.trim() !== '';
}

/** A short key lives under `prefix` in common.json; a dotted one is already namespaced. */
const resolve = (prefix: string, key: string) => (key.includes('.') ? key : `${prefix}.${key}`);

interface Use {
  key: string;
  where: string;
}

function collect(pattern: RegExp, prefix: string, sources: string[]): Use[] {
  return sources.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(pattern)].map((m) => ({
      key: resolve(prefix, m[1]),
      where: path.relative(ROOT, file),
    })),
  );
}

const sharedSources = files(path.join(ROOT, 'shared'));
const backendSources = files(path.join(ROOT, 'electron/backend'));

const uses: Array<[string, Use[]]> = [
  ['zod messages in shared/', collect(/message:\s*'([a-z0-9_.]+)'/g, 'validation', sharedSources)],
  [
    'fieldError keys in the backend',
    collect(/fieldError\(\s*['"][^'"]+['"]\s*,\s*['"]([a-z0-9_.]+)['"]/g, 'validation', backendSources),
  ],
  [
    'field keys in AppError fields',
    collect(/fields:\s*\{\s*['"]?[\w.]+['"]?\s*:\s*'([a-z0-9_.]+)'(?=\s*[,}])/g, 'validation', backendSources),
  ],
  ['error reasons in the backend', collect(/reason:\s*'([a-z0-9_.]+)'/g, 'errors.reasons', backendSources)],
  // what a record's history says for each audit action: test/integration/history-sentences.test.ts
];

describe('message keys used by the backend are translated', () => {
  it('finds the keys it checks', () => {
    const all = uses.flatMap(([, u]) => u.map((x) => x.key));
    expect(all).toEqual(
      expect.arrayContaining([
        'validation.required',
        'validation.duplicate_member',
        'errors.reasons.example_needs_confirmation',
      ]),
    );
  });

  for (const [what, found] of uses) {
    it(`${what}: every key exists in sv and en`, () => {
      const missing = found.flatMap((u) =>
        ['sv', 'en'].filter((lang) => !lookup(lang, u.key)).map((lang) => `${lang}: ${u.key} (${u.where})`),
      );
      expect([...new Set(missing)]).toEqual([]);
    });
  }
});
