import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/backend/cli/main';
import { startBackend } from '../../../electron/backend/backend';
import { tempDbPath } from '../../support/backend';

let tmp: ReturnType<typeof tempDbPath>;
beforeEach(() => void (tmp = tempDbPath()));
afterEach(() => tmp.cleanup());

/** runCli in this process (each child start of the real CLI costs a second or more). */
async function samrad(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', tmp.file], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('unknown flags, and flags that do not apply, are usage errors (issue 13, case 12)', () => {
  it('export agenda --sign: exit 2 with the agenda usage, and no file written', async () => {
    (await startBackend(tmp.file)).close();
    const out = path.join(tmp.dir, 'dagordning.docx');
    const result = await samrad('export', 'agenda', '--meeting', '1', '--out', out, '--sign');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--sign does not apply to "samrad export agenda"');
    expect(result.err).toContain('usage: samrad export agenda --meeting ID');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a flag from another export kind, a typo, a cert flag on the wrong action', async () => {
    (await startBackend(tmp.file)).close();
    expect(
      await samrad('export', 'protocol', '--meeting', '1', '--out', '/tmp/x.docx', '--from', '2017-01-01'),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--from does not apply') });
    expect(await samrad('export', 'protocol', '--meting', '1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--meting does not apply'),
    });
    expect(await samrad('cert', 'trust', 'ca.pem', '--org', 'Kommunen')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--org does not apply to "samrad cert trust"'),
    });
    expect(await samrad('cert', 'list', '--json')).toMatchObject({ code: 0 });
  });

  it('a switch given a value, a value flag given none', async () => {
    (await startBackend(tmp.file)).close();
    expect(await samrad('check', '--json=no')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--json takes no value'),
    });
    expect(await samrad('backup', '--out')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--out needs a value'),
    });
  });
});

describe('samrad check changes nothing (issue 13, case 7)', () => {
  it('a DELETE-journal database stays DELETE-journal, byte for byte; a zero-byte file is refused and stays empty', async () => {
    const b = await startBackend(tmp.file);
    await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    b.ctx.db.pragma('journal_mode = DELETE');
    b.close();
    const before = fs.readFileSync(tmp.file);
    const report = await samrad('check', '--json');
    expect(JSON.parse(report.out)).toMatchObject({ integrity: { ok: true }, auditChain: { ok: true } });
    expect(fs.readFileSync(tmp.file).equals(before)).toBe(true);
    expect(fs.existsSync(`${tmp.file}-wal`)).toBe(false);
    const db = new Database(tmp.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();

    fs.writeFileSync(tmp.file, '');
    expect(await samrad('check')).toMatchObject({ code: 1, err: expect.stringContaining('is empty (0 bytes)') });
    expect(fs.statSync(tmp.file).size).toBe(0);
    expect(await samrad('list', 'people')).toMatchObject({
      code: 1,
      err: expect.stringContaining('is empty (0 bytes)'),
    });
    expect(fs.statSync(tmp.file).size).toBe(0);
  });
});

describe('samrad restore --from FILE', () => {
  it('replaces a damaged database with a checked backup and keeps the damaged file aside', async () => {
    const b = await startBackend(tmp.file);
    await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    b.close();
    const copy = path.join(tmp.dir, 'kopia.sqlite');
    expect((await samrad('backup', '--out', copy)).code).toBe(0);
    fs.writeFileSync(tmp.file, 'trasig');
    const check = await samrad('check');
    expect(check).toMatchObject({ code: 1, err: expect.stringContaining('is not an SQLite database') });

    const restored = await samrad('restore', '--from', copy);
    expect(restored).toMatchObject({ code: 0, out: expect.stringContaining('The previous file is kept as') });
    const aside = /kept as (.*)\.$/m.exec(restored.out)![1];
    expect(fs.readFileSync(aside, 'utf8')).toBe('trasig');
    const db = new Database(tmp.file, { readonly: true });
    expect(db.prepare('SELECT name FROM organisation').pluck().all()).toEqual(['Södertälje kommun']);
    db.close();
    expect((await samrad('check')).code).toBe(0);
  });

  it('refuses a damaged backup, leaving the database as it was; lists the backups without --from', async () => {
    (await startBackend(tmp.file)).close();
    const before = fs.readFileSync(tmp.file);
    const bad = path.join(tmp.dir, 'bad.sqlite');
    fs.writeFileSync(bad, '');
    expect(await samrad('restore', '--from', bad)).toMatchObject({
      code: 1,
      err: expect.stringContaining('not a usable database'),
    });
    expect(fs.readFileSync(tmp.file).equals(before)).toBe(true);
    expect(await samrad('restore')).toMatchObject({ code: 2, out: expect.stringContaining('No backups of') });
  });

  it('refuses while another Samråd holds the database open', async () => {
    const running = await startBackend(tmp.file);
    const copy = path.join(tmp.dir, 'kopia.sqlite');
    await running.ctx.db.backup(copy);
    running.ctx.db.prepare('SELECT count(*) FROM organisation').get();
    try {
      expect(await samrad('restore', '--from', copy)).toMatchObject({
        code: 1,
        err: expect.stringContaining('is in use'),
      });
    } finally {
      running.close();
    }
  });
});
