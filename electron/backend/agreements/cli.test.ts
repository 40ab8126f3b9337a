import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../backend';
import { loadExample } from '../example/load';
import { tempDbPath } from '../../../test/support/backend';
import { docxParts, paragraphs } from '../../../test/support/docx';

/** The real `samrad` entry point in a child process, as `npx samrad` runs it. */
const BIN = path.resolve(__dirname, '../../../bin/samrad.js');

let tmp: ReturnType<typeof tempDbPath>;
function samrad(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args, '--db', tmp.file], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(tmp.dir, 'data-dir') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  tmp = tempDbPath();
  const backend = await startBackend(tmp.file, { osUserName: 'testare' });
  loadExample(backend.ctx, false);
  backend.close();
});
afterAll(() => tmp.cleanup());

describe('samrad list/export for agreements', { timeout: 300_000 }, () => {
  it('lists agreements and versions as a table and as JSON', () => {
    const agreements = JSON.parse(samrad('list', 'agreements', '--json').out) as Array<Record<string, unknown>>;
    expect(agreements).toHaveLength(1);
    expect(agreements[0]).toMatchObject({
      name: expect.stringContaining('Södertörns brandförsvarsförbund'),
      versionCount: 2,
    });
    const versions = JSON.parse(samrad('list', 'versions', '--json').out) as Array<Record<string, unknown>>;
    // newest period first
    expect(versions.map((v) => [v.validFrom, v.validTo])).toEqual([
      ['2017-01-01', '2018-12-31'],
      ['2014-01-01', '2016-12-31'],
    ]);
    const table = samrad('list', 'versions');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(
      /^id\s+agreement\s+title\s+dnr\s+from\s+to\s+status\s+predecessor\s+signed\s+content hash$/,
    );
    expect(table.out).toContain('Samverkansöverenskommelse 2017–2018');
  });

  it('exports a version to Word, refuses to overwrite without --overwrite, and reports an unwritable target', async () => {
    const versions = JSON.parse(samrad('list', 'versions', '--json').out) as Array<{
      id: number;
      validFrom: string;
      contentHash: string;
    }>;
    const period2017 = versions.find((v) => v.validFrom === '2017-01-01')!;
    const out = path.join(tmp.dir, 'avtal.docx');
    const first = samrad('export', 'agreement', '--version', String(period2017.id), '--lang', 'sv', '--out', out);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Written: ${out}`);
    const texts = paragraphs(docxParts(new Uint8Array(fs.readFileSync(out)))['word/document.xml']).map((p) => p.text);
    expect(texts).toContain('Giltighetstid: 2017-01-01 – 2018-12-31');
    expect(texts).toContain('Peter Nylind');

    const again = samrad('export', 'agreement', '--version', String(period2017.id), '--out', out);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already exists/);
    const overwrite = samrad(
      'export',
      'agreement',
      '--version',
      'current',
      '--lang',
      'en',
      '--out',
      out,
      '--overwrite',
    );
    expect(overwrite.code).toBe(0);
    // no version is in force today (2018 has passed): "current" falls back to the latest signed one, and says so
    expect(overwrite.err).toContain(`latest signed version ${period2017.id}`);
    expect(
      paragraphs(docxParts(new Uint8Array(fs.readFileSync(out)))['word/document.xml']).map((p) => p.text),
    ).toContain('Period of validity: 2017-01-01 – 2018-12-31');

    const unwritable = samrad(
      'export',
      'agreement',
      '--version',
      String(period2017.id),
      '--out',
      path.join(tmp.dir, 'no-such-folder', 'x.docx'),
    );
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.err).toMatch(/Cannot write/);

    const bad = samrad('export', 'agreement', '--version', 'abc', '--out', path.join(tmp.dir, 'y.docx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--version must be a positive whole number or "current"/);

    // the two written exports are in the version's history; the refused ones are not
    const backend = await startBackend(tmp.file, { osUserName: 'testare' });
    try {
      const exports = backend.ctx.db
        .prepare(
          "SELECT count(*) FROM audit_event WHERE entity = 'agreement_version' AND entity_id = ? AND action = 'export'",
        )
        .pluck()
        .get(String(period2017.id));
      expect(exports).toBe(2);
    } finally {
      backend.close();
    }
  });
});
