import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../db/migrations';
import { startBackend } from '../backend';
import { loadExample } from '../example/load';
import { tempDbPath } from '../../../test/support/backend';
import { editSealedDecisionAroundTriggers } from '../../../test/support/tamper';
import { auditEvents, editAuditEvent } from '../../../test/support/audit-events';

/** The real `samrad` entry point, as `npx samrad` runs it, in a child process. */
const BIN = path.resolve(__dirname, '../../../bin/samrad.js');

let tmp: ReturnType<typeof tempDbPath>;
beforeEach(() => void (tmp = tempDbPath()));
afterEach(() => tmp.cleanup());

function samrad(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    // never the user's own database: no SAMRAD_DB, and a data folder inside the test's temp dir
    env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(tmp.dir, 'data-dir') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const db = () => ['--db', tmp.file];

/** Set-up done in-process (each CLI start costs a second or more); the command under test runs as a child. */
async function exampleDatabase(): Promise<void> {
  const backend = await startBackend(tmp.file, { osUserName: 'testare' });
  loadExample(backend.ctx, false);
  backend.close();
}
const json = (text: string) => JSON.parse(text) as unknown;

// every test starts the real CLI a few times; on a loaded two-core machine each start can take seconds
describe('samrad CLI (bin/samrad.js)', { timeout: 300_000 }, () => {
  it('init, example and list --json: stable keys for scripts', () => {
    const init = samrad('init', ...db());
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain(`Database ready: ${tmp.file} (schema ${LATEST_VERSION})`);
    expect(samrad('example', ...db())).toMatchObject({ code: 0, out: 'The Södertälje example is loaded.\n' });

    const organisations = json(samrad('list', 'organisations', '--json', ...db()).out) as Array<
      Record<string, unknown>
    >;
    expect(Object.keys(organisations[0])).toEqual([
      'id',
      'name',
      'kind',
      'shortName',
      'parentId',
      'parentName',
      'archived',
      'createdAt',
      'updatedAt',
    ]);
    expect(organisations.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'Södertälje kommun',
        'Södertälje lokalpolisområde',
        'Södertörns brandförsvarsförbund',
        'Socialtjänsten',
      ]),
    );

    const people = json(samrad('list', 'people', '--json', ...db()).out) as Array<Record<string, unknown>>;
    expect(Object.keys(people[0])).toEqual([
      'id',
      'name',
      'title',
      'organisationId',
      'organisationName',
      'email',
      'phone',
      'activeFrom',
      'activeTo',
      'createdAt',
      'updatedAt',
    ]);
    expect(people.find((p) => p.name === 'Peter Nylind')).toMatchObject({
      phone: '070-682 80 33',
      organisationName: 'Södertälje lokalpolisområde',
    });

    const bodies = json(samrad('list', 'bodies', '--json', ...db()).out) as Array<Record<string, unknown>>;
    expect(Object.keys(bodies[0])).toEqual([
      'id',
      'name',
      'kind',
      'description',
      'recordLanguage',
      'archived',
      'memberCount',
      'createdAt',
      'updatedAt',
    ]);
    expect(bodies.find((x) => x.name === 'Chefssamrådet')).toMatchObject({
      kind: 'chefssamrad',
      memberCount: expect.any(Number),
    });

    const table = samrad('list', 'people', ...db());
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^id\s+name\s+title\s+organisation\s+phone\s+e-mail$/);
    expect(table.out).toMatch(/Lars-Göran Uddholm\s+brandchef\s+Södertörns brandförsvarsförbund\s+08-721 22 90/);
  });

  it('example: a second run without --yes is refused with a hint; with --yes it succeeds', async () => {
    await exampleDatabase();
    const again = samrad('example', ...db());
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds data\. Run again with --yes/);
    expect(samrad('example', '--yes', ...db()).code).toBe(0);
  });

  it('backup writes a file that opens and holds the data, and refuses an existing target', async () => {
    await exampleDatabase();
    const out = path.join(tmp.dir, 'kopia.sqlite');
    const first = samrad('backup', '--out', out, ...db());
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe(`Backup written: ${out} (schema ${LATEST_VERSION})\n`);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT phone FROM person WHERE name = 'Camilla Broo'").pluck().get()).toBe('08-523 069 63');
    copy.close();
    expect(
      fs.readdirSync(tmp.dir).filter((f) => f.includes('kopia')),
      'one self-contained file, no temp or -wal',
    ).toEqual(['kopia.sqlite']);

    const before = fs.readFileSync(out);
    const second = samrad('backup', '--out', out, ...db());
    expect(second.code).toBe(1);
    expect(second.err).toContain(`${out} already exists`);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
  });

  it('backup without --out is a usage error (exit 2)', () => {
    const result = samrad('backup', ...db());
    expect(result.code).toBe(2);
    expect(result.err).toBe('samrad backup: --out is required\nusage: samrad backup --out FILE [--db FILE]\n');
  });

  it('check passes on a good database, with a stable --json shape', async () => {
    await exampleDatabase();
    const result = samrad('check', '--json', ...db());
    expect(result).toMatchObject({ code: 0, err: '' });
    const report = json(result.out) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'ok',
      'database',
      'schema',
      'integrity',
      'foreignKeys',
      'auditChain',
      'search',
      'seals',
      'attachments',
    ]);
    expect(report).toMatchObject({
      ok: true,
      database: tmp.file,
      schema: { ok: true, version: LATEST_VERSION, latest: LATEST_VERSION },
      integrity: { ok: true, problems: [] },
      foreignKeys: { ok: true, problems: [] },
      auditChain: { ok: true, brokenAt: null },
    });
    expect(Object.keys(report.auditChain as object)).toEqual([
      'ok',
      'events',
      'brokenAt',
      'head',
      'verified',
      'checkpoint',
    ]);
    expect((report.auditChain as { events: number }).events).toBeGreaterThan(10);
    const raw = new Database(tmp.file, { readonly: true });
    expect((report.auditChain as { head: string }).head).toBe(auditEvents(raw).at(-1)!.hash);
    raw.close();
  });

  it('check fails (exit 1) on a tampered audit chain and names the first broken event', async () => {
    await exampleDatabase();
    const raw = new Database(tmp.file);
    const tampered = auditEvents(raw, "WHERE action = 'create'").find((e) => e.after?.includes('070-682 80 33'))!.id;
    editAuditEvent(raw, tampered, (row) => ({ ...row, after: row.after!.replace('070-682 80 33', '070-000 00 00') }));
    raw.close();
    expect(tampered).toBeGreaterThan(0);

    const result = samrad('check', '--json', ...db());
    expect(result.code).toBe(1);
    expect(result.err).toBe('samrad check: FAILED (auditChain)\n');
    expect(json(result.out)).toMatchObject({
      ok: false,
      auditChain: { ok: false, brokenAt: tampered },
      integrity: { ok: true },
    });
    const text = samrad('check', ...db());
    expect(text.out).toMatch(/Integrity:\s+ok/);
    expect(text.out).toContain(`Audit chain:   FAILED`);
    expect(text.out).toContain(`first broken event: ${tampered}`);
  });

  it('check fails (exit 1) naming the § whose attested decision was changed behind the triggers; export refuses it', async () => {
    await exampleDatabase();
    const raw = new Database(tmp.file);
    const tampered = editSealedDecisionAroundTriggers({ db: raw } as never);
    const number = raw.prepare('SELECT number FROM paragraph WHERE id = ?').pluck().get(tampered.paragraphId) as number;
    raw.close();

    const records = json(samrad('list', 'records', '--json', ...db()).out) as Array<Record<string, unknown>>;
    expect(Object.keys(records[0])).toEqual([
      'recordId',
      'kind',
      'id',
      'label',
      'lang',
      'fileName',
      'sealedAt',
      'documentSha256',
      'snapshotSha256',
      'signedAtSealing',
      'laterSignatures',
      'sealAwaitsTimestamp',
      'brokenAtMigration',
    ]);
    expect(records.find((r) => r.kind === 'protocol' && r.id === tampered.meetingId)).toMatchObject({
      label: expect.stringContaining(tampered.label),
      brokenAtMigration: false,
    });

    const result = samrad('check', ...db());
    expect(result.code).toBe(1);
    expect(result.err).toBe('samrad check: FAILED (seals)\n');
    expect(result.out).toMatch(/Seals:\s+FAILED/);
    expect(result.out).toContain(`${tampered.label} § ${number}: Beslut differs from the sealed record`);
    const out = path.join(tmp.dir, 'protokoll.docx');
    const exported = samrad('export', 'protocol', '--meeting', String(tampered.meetingId), '--out', out, ...db());
    expect(exported.code).toBe(1);
    expect(exported.err).toContain(`${tampered.label} § ${number}: Beslut differs from the sealed record`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('check reports an outdated schema without migrating it, and refuses a newer one', async () => {
    (await startBackend(tmp.file)).close();
    const raw = new Database(tmp.file);
    raw.pragma(`user_version = ${LATEST_VERSION - 1}`);
    raw.close();
    const outdated = samrad('check', '--json', ...db());
    expect(outdated.code).toBe(1);
    expect(json(outdated.out)).toMatchObject({ ok: false, schema: { ok: false, version: LATEST_VERSION - 1 } });
    const after = new Database(tmp.file);
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_VERSION - 1);
    after.pragma(`user_version = ${LATEST_VERSION + 1}`);
    after.close();
    const newer = samrad('list', 'people', ...db());
    expect(newer.code).toBe(1);
    expect(newer.err).toContain(
      `was written by a newer version of Samråd (schema ${LATEST_VERSION + 1}; this version knows ${LATEST_VERSION})`,
    );
  });

  it('refuses a database file that does not exist (only init and example create one)', () => {
    const result = samrad('list', 'people', ...db());
    expect(result.code).toBe(1);
    expect(result.err).toContain('does not exist. Create it with "samrad init"');
    expect(fs.existsSync(tmp.file)).toBe(false);
  });

  it('usage errors exit 2 with a message on stderr', () => {
    const unknown = samrad('frobnicate', ...db());
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toBe('samrad: unknown command "frobnicate". Try: samrad help\n');
    expect(samrad('list', 'planets', ...db())).toMatchObject({
      code: 2,
      err: expect.stringContaining('list what? one of: organisations, people, bodies'),
    });
    expect(samrad('list', 'people', '--jsn', ...db())).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown option --jsn'),
    });
    expect(samrad('list', 'people', '--db')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--db needs a file name'),
    });
    expect(samrad()).toMatchObject({ code: 2, out: expect.stringContaining('Samråd command line') });
    expect(samrad('help')).toMatchObject({ code: 0, out: expect.stringContaining('samrad backup --out FILE') });
  });
});
