import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ARCHIVE_PROBLEMS, ARCHIVE_SKIPS } from '../../../shared/contract/archive';
import { translator } from '../../../test/support/i18n';
import { archiveFindings } from './problems';

const t = {} as Record<'sv' | 'en', TFunction>;
beforeAll(async () => {
  t.sv = await translator('sv');
  t.en = await translator('en');
});

/** Every value any finding may carry, so each sentence can be filled in full. */
const ALL_PARAMS = {
  path: 'representations/rep1/data/a.docx',
  line: '3',
  schema: 'PREMIS 3',
  errors: 'x',
  detail: 'METS.xml is not well-formed XML: y',
  file: 'METS.xml',
  rule: 'CSIP1',
  profile: 'p',
  id: 'id-1',
  href: 'metadata/x',
  use: 'Schemas',
  label: 'Metadata',
};

describe('verify-archive findings', () => {
  it('each code has its English sentence for the CLI and a sentence in both locales, with every value filled in', () => {
    for (const code of ARCHIVE_PROBLEMS) {
      const found = archiveFindings();
      found.add(code, ALL_PARAMS);
      expect(found.issues).toEqual([{ code, params: ALL_PARAMS }]);
      expect(found.problems[0], code).not.toMatch(/undefined/);
      for (const lang of ['sv', 'en'] as const) {
        const text = t[lang](`signing.archiveProblems.${code}`, { ...ALL_PARAMS, defaultValue: '' });
        expect(text, `${lang}: ${code}`).not.toBe('');
        expect(text, `${lang}: ${code}`).not.toMatch(/\{\{|undefined/);
      }
    }
    for (const code of ARCHIVE_SKIPS)
      for (const lang of ['sv', 'en'] as const)
        expect(t[lang](`signing.archiveSkipped.${code}`, { defaultValue: '' }), `${lang}: ${code}`).not.toBe('');
  });

  it('keeps the sentences the CLI has always printed', () => {
    const found = archiveFindings();
    found.add('file_removed', { path: 'METS.xml' });
    found.add('objid_missing', { file: 'METS.xml', rule: 'CSIP1' });
    found.add('sums_outside_package', { path: '../x' });
    expect(found.problems).toEqual([
      'METS.xml is listed in SHA256SUMS but missing (removed)',
      'METS.xml: CSIP1 OBJID is missing',
      'SHA256SUMS names a path outside the package: "../x"',
    ]);
  });
});
