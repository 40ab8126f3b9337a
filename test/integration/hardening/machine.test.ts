import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../electron/backend/backend';
import { backupBeforeMigration, listBackups, rotateBackups } from '../../../electron/backend/db/backups';
import { startMaintenance } from '../../../electron/backend/db/maintenance';
import { tempDbPath } from '../../support/backend';

/**
 * A failing machine: a full disk, a read-only file system, a damaged or empty database file,
 * an interrupted backup. Where this machine lets the test mount a small tmpfs (root, Linux),
 * the disk really is full or read-only; elsewhere the test says so and simulates it.
 */

let tmp: ReturnType<typeof tempDbPath>;
const opened: Backend[] = [];
afterEach(() => {
  for (const b of opened.splice(0)) b.close();
  tmp?.cleanup();
});

async function backend(file: string, options: Parameters<typeof startBackend>[1] = {}): Promise<Backend> {
  const b = await startBackend(file, { osUserName: 'testare', ...options });
  opened.push(b);
  return b;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function mountTmpfs(dir: string, size: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}

/** A database with some rows, written out as one DELETE-journal file (no -wal to keep in step). */
async function filledDatabase(file: string, people = 300): Promise<void> {
  const b = await startBackend(file, { osUserName: 'testare' });
  for (let i = 0; i < people; i++) await b.dispatch('people.create', { name: `Person ${i} ${'x'.repeat(150)}` });
  b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  b.ctx.db.pragma('journal_mode = DELETE');
  b.close();
}

/** Overwrites pages of the person table with noise: what a failing disk leaves. */
function damagePages(file: string, pages: number[]): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (const page of pages) crypto.randomFillSync(bytes, page * pageSize + 8, pageSize - 16);
  fs.writeFileSync(file, bytes);
}

function personPages(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare("SELECT pageno FROM dbstat WHERE name = 'person' AND pagetype = 'leaf'").pluck().all() as number[]
    ).map((n) => n - 1);
  } catch {
    return [4, 5, 6];
  } finally {
    db.close();
  }
}

describe('backups are complete or absent (issue 13, case 4)', () => {
  it('a backup cut off midway leaves nothing under a backup name and is not counted among the ten kept', async () => {
    tmp = tempDbPath();
    const dir = path.join(tmp.dir, 'backups');
    // a backup that writes part of the copy and then dies, as a kill or a full disk does
    const dying = {
      backup: async (target: string) => {
        fs.writeFileSync(target, Buffer.alloc(4096, 1));
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
      },
    };
    await expect(backupBeforeMigration(dying as never, tmp.file, 3, { backupDir: dir })).rejects.toThrow(/disk I\/O/);
    expect(listBackups(dir, 'samrad')).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('a .part file left by a killed process is never listed, never rotated in place of a real backup', () => {
    tmp = tempDbPath();
    const dir = path.join(tmp.dir, 'backups');
    fs.mkdirSync(dir);
    for (let i = 0; i < 10; i++)
      fs.writeFileSync(path.join(dir, `samrad-v3-2026-01-${String(i + 10)}T10-00-00-000Z.sqlite`), 'x');
    fs.writeFileSync(path.join(dir, '.samrad-v3-2026-02-01T10-00-00-000Z.sqlite.part'), 'half');
    expect(listBackups(dir, 'samrad')).toHaveLength(10);
    rotateBackups(dir, 'samrad', 10);
    expect(listBackups(dir, 'samrad')).toHaveLength(10);
  });
});

describe('a damaged database is never written to again; the newest good backup is offered (issue 13, case 5)', () => {
  it('damage met by a call: that call and every later one are refused, the file is left as it was, and a restore brings the work back', async () => {
    tmp = tempDbPath();
    await filledDatabase(tmp.file);
    // a good backup first, as the daily backup takes one
    const good = await backend(tmp.file);
    const backups = path.join(tmp.dir, 'backups');
    fs.mkdirSync(backups);
    const backupFile = path.join(backups, 'samrad-v1-2026-11-30T08-00-00-000Z.sqlite');
    await good.ctx.db.backup(backupFile);
    good.close();
    opened.length = 0;
    // the backup name carries the schema version it was taken at; use the real one
    const version = new Database(backupFile, { readonly: true }).pragma('user_version', { simple: true }) as number;
    const named = path.join(backups, `samrad-v${version}-2026-11-30T08-00-00-000Z.sqlite`);
    fs.renameSync(backupFile, named);

    damagePages(tmp.file, personPages(tmp.file).slice(1, 4));
    const b = await backend(tmp.file, { recoverDamaged: true });
    const read = await b.dispatch('people.list', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    const before = sha256(tmp.file);
    const write = await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    expect(write).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(sha256(tmp.file)).toBe(before);

    const status = await b.dispatch('database.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { state: 'damaged', problem: { code: 'DATABASE_CORRUPT', noticed: 'call' }, backups: [{ path: named }] },
    });
    const restored = await b.dispatch('database.restore', { backupPath: named });
    expect(restored).toMatchObject({
      ok: true,
      value: { state: 'ok', setAside: expect.stringMatching(/samrad\.sqlite\.damaged-/) },
    });
    const setAside = (restored as { value: { setAside: string } }).value.setAside;
    expect(sha256(setAside)).toBe(before);
    const people = await b.dispatch('people.list', {});
    expect(people.ok && (people.value as { total: number }).total).toBe(300);
    expect(await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' })).toMatchObject({
      ok: true,
    });
  });

  it('damage found at open: the app starts anyway, refuses every call but recovery, and names the damage', async () => {
    tmp = tempDbPath();
    fs.writeFileSync(tmp.file, `SQLite format 3\u0000${'x'.repeat(5000)}`);
    const before = sha256(tmp.file);
    const b = await backend(tmp.file, { recoverDamaged: true });
    expect(await b.dispatch('people.list', {})).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(DATABASE_CORRUPT|NOT_A_DATABASE)$/) },
    });
    expect(await b.dispatch('database.status', {})).toMatchObject({
      ok: true,
      value: { state: 'damaged', problem: { noticed: 'open' }, backups: [] },
    });
    expect(sha256(tmp.file)).toBe(before);
    // the command line reports it instead of starting
    await expect(startBackend(tmp.file)).rejects.toMatchObject({
      code: expect.stringMatching(/^(DATABASE_CORRUPT|NOT_A_DATABASE)$/),
    });
  });

  it('the background integrity check finds damage no call has touched yet, and stops writes', async () => {
    tmp = tempDbPath();
    await filledDatabase(tmp.file, 600);
    damagePages(tmp.file, personPages(tmp.file).slice(-3));
    const b = await backend(tmp.file);
    // start did not read those pages: the app is up
    expect(await b.dispatch('organisations.list', {})).toMatchObject({ ok: true });
    const maintenance = startMaintenance(b.ctx, { delayMs: 0, backupEveryMs: 0 });
    await maintenance.done;
    expect(await b.dispatch('database.status', {})).toMatchObject({
      ok: true,
      value: { state: 'damaged', integrity: 'failed', problem: { noticed: 'integrity_check' } },
    });
    expect(await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_CORRUPT' },
    });
  });

  it("a healthy database: the background check passes and takes the day's backup, complete and counted", async () => {
    tmp = tempDbPath();
    const b = await backend(tmp.file);
    await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    await startMaintenance(b.ctx, { delayMs: 0 }).done;
    const status = await b.dispatch('database.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        state: 'ok',
        integrity: 'ok',
        backups: [{ fileName: expect.stringMatching(/^samrad-v\d+-.*\.sqlite$/) }],
      },
    });
    const copy = new Database((status as { value: { backups: Array<{ path: string }> } }).value.backups[0].path, {
      readonly: true,
    });
    expect(copy.prepare('SELECT name FROM organisation').pluck().all()).toEqual(['Södertälje kommun']);
    copy.close();
  });
});

describe('a zero-byte database file (issue 13, case 7)', () => {
  it('is refused with a clear message, stays zero bytes, and is never initialised silently', async () => {
    tmp = tempDbPath();
    fs.writeFileSync(tmp.file, '');
    await expect(startBackend(tmp.file)).rejects.toMatchObject({
      code: 'NOT_A_DATABASE',
      params: { reason: 'empty_file' },
    });
    expect(fs.statSync(tmp.file).size).toBe(0);
    const b = await backend(tmp.file, { recoverDamaged: true });
    expect(await b.dispatch('people.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_A_DATABASE' } });
    expect(fs.statSync(tmp.file).size).toBe(0);
  });
});

describe('read-only and full disks (issue 13, case 6)', () => {
  const mountDir = path.join(fs.realpathSync(os.tmpdir()), `samrad-tmpfs-${process.pid}`);
  let mounted = false;
  beforeAll(() => {
    mounted = mountTmpfs(mountDir, '8m');
    if (!mounted)
      console.log(
        '[machine.test] cannot mount a tmpfs here (needs root on Linux): the full disk is simulated with ENOSPC and the read-only disk with a read-only file',
      );
  });
  afterAll(() => {
    if (mounted) unmount(mountDir);
    fs.rmSync(mountDir, { recursive: true, force: true });
  });

  it('a full disk: "The disk is full: nothing was saved", and what was saved before is intact', async () => {
    tmp = tempDbPath();
    if (!mounted) {
      // simulated: the SQLite error a full disk gives, raised where a write would be
      const b = await backend(tmp.file);
      const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      const { createDispatcher } = await import('../../../electron/backend/dispatcher');
      const { handlers } = await import('../../../electron/backend/handlers');
      const dispatch = createDispatcher(b.ctx, {
        ...handlers,
        'people.create': () => {
          throw full;
        },
      } as never);
      expect(await dispatch('people.create', { name: 'Anna' })).toMatchObject({
        ok: false,
        error: { code: 'DISK_FULL', message: 'The disk is full: nothing was saved. Free space and try again.' },
      });
      return;
    }
    const file = path.join(mountDir, 'full.sqlite');
    const b = await backend(file);
    let saved = 0;
    let failure: unknown = null;
    for (let i = 0; i < 5_000 && !failure; i++) {
      const result = await b.dispatch('people.create', { name: `Person ${i} ${'å'.repeat(150)}` });
      if (result.ok) saved++;
      else failure = result.error;
    }
    console.log(`[machine.test] the 8 MB tmpfs took ${saved} people before it was full`);
    expect(saved).toBeGreaterThan(20);
    expect(failure).toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringContaining('The disk is full: nothing was saved'),
    });
    const people = await b.dispatch('people.list', {});
    expect(people.ok && (people.value as { total: number }).total).toBe(saved);
    b.close();
    opened.length = 0;
    fs.rmSync(file);
    for (const f of fs.readdirSync(mountDir)) fs.rmSync(path.join(mountDir, f), { recursive: true, force: true });
  });

  it('a read-only database: the app opens nothing it cannot write, and says why and what to do', async () => {
    tmp = tempDbPath();
    if (!mounted) {
      const b = await backend(tmp.file);
      b.close();
      opened.length = 0;
      fs.chmodSync(tmp.file, 0o444);
      fs.chmodSync(tmp.dir, 0o555);
      try {
        await expect(startBackend(tmp.file)).rejects.toMatchObject({
          code: expect.stringMatching(/^(DATABASE_READ_ONLY|DATABASE_UNAVAILABLE)$/),
        });
      } finally {
        fs.chmodSync(tmp.dir, 0o755);
      }
      return;
    }
    const file = path.join(mountDir, 'ro.sqlite');
    const b = await backend(file);
    await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    b.close();
    opened.length = 0;
    execFileSync('mount', ['-o', 'remount,ro', mountDir]);
    try {
      const error = await startBackend(file).then(
        (opened) => {
          opened.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        code: expect.stringMatching(/^(DATABASE_READ_ONLY|DATABASE_UNAVAILABLE)$/),
        message: expect.stringMatching(/nothing was saved|cannot be opened/),
      });
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountDir]);
    }
  });

  it('a database made read-only while the app runs: each write says so, reads go on', async () => {
    tmp = tempDbPath();
    const b = await backend(tmp.file);
    await b.dispatch('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    // what SQLite reports once its file can no longer be written (query_only gives the same code)
    b.ctx.db.pragma('query_only = ON');
    expect(
      await b.dispatch('organisations.create', { name: 'Södertälje lokalpolisområde', kind: 'polis' as never }),
    ).toMatchObject({ ok: false });
    const write = await b.dispatch('people.create', { name: 'Anna Berg' });
    expect(write).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_READ_ONLY', message: expect.stringContaining('nothing was saved') },
    });
    expect(await b.dispatch('organisations.list', {})).toMatchObject({ ok: true });
  });
});
