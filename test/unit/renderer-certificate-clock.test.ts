import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Whether a certificate is valid now is the backend's answer, on the backend's clock (`validity`
 * on each listed certificate, `sign` on a person's, `certificates.readiness`): the renderer never
 * works it out again from the dates and the client's clock. This finds, in renderer/, every
 * ordering comparison with a validity date, and every reading of the clock in a file about
 * certificates.
 */
const DATE_COMPARISON =
  /\b(?:validFrom|validTo|notBefore|notAfter)\)?\s*[<>]=?\s*[\w.(]|[<>]=?\s*[\w.(]*\b(?:validFrom|validTo|notBefore|notAfter)\b/g;
const CLOCK = /\bDate\.now\(\)|\bnew Date\(\s*\)/g;
const ABOUT_CERTIFICATES = /ertifica/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every judgement of a certificate's dates in the renderer, as "file: what was found". */
function judgements(root: string): string[] {
  return sources(path.join(root, 'renderer')).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(root, file).split(path.sep).join('/');
    const compared = [...text.matchAll(DATE_COMPARISON)].map((m) => `${rel}: ${m[0].trim()}`);
    const clock = ABOUT_CERTIFICATES.test(text) ? [...text.matchAll(CLOCK)].map((m) => `${rel}: ${m[0]}`) : [];
    return [...compared, ...clock];
  });
}

describe('the renderer never judges a certificate’s validity on its own clock', () => {
  const root = path.resolve(import.meta.dirname, '../..');

  it('finds a judgement where there is one', () => {
    const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-certificate-clock-'));
    try {
      fs.mkdirSync(path.join(sample, 'renderer'));
      fs.writeFileSync(
        path.join(sample, 'renderer', 'CertificateList.tsx'),
        [
          "import type { StoredCertificate } from './contract';",
          'const now = new Date().toISOString();',
          "const state = now < c.validFrom ? 'notYetValid' : now > c.validTo ? 'expired' : 'valid';",
          'const gone = Date.parse(cert.notAfter) <= Date.now();',
          'const soon = validTo>=limit;',
        ].join('\n'),
      );
      // a file that does not name certificates may read the clock (a task id, a default year)
      fs.writeFileSync(path.join(sample, 'renderer', 'Archive.tsx'), 'const year = new Date().getFullYear() - 1;\n');
      expect(judgements(sample)).toEqual([
        'renderer/CertificateList.tsx: < c.validFrom',
        'renderer/CertificateList.tsx: > c.validTo',
        'renderer/CertificateList.tsx: notAfter) <= D',
        'renderer/CertificateList.tsx: validTo>=l',
        'renderer/CertificateList.tsx: new Date()',
        'renderer/CertificateList.tsx: Date.now()',
      ]);
    } finally {
      fs.rmSync(sample, { recursive: true, force: true });
    }
  });

  it('finds none in the renderer', () => {
    expect(judgements(root)).toEqual([]);
  });
});
