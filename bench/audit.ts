/**
 * The audit part of `npm run bench` (issue 16, point 5), at 10 000 and 100 000 §§ side by side
 * (BENCH_AUDIT_SIZES), on copies of the generated databases (bench/generate.ts), whose protocols
 * carry a realistic history: each § written during the meeting (autosaves seconds apart), edited
 * and marked finished the next day, the protocol sent for justering and attested (its record
 * sealed). Printed: how much of the file the audit log takes, the search index's size on its
 * own (both in the file as migrated, whose free pages the migrations left until a VACUUM, and
 * in the same file vacuumed), and how long `samrad check` takes, each of its parts on its own, in
 * the case a file in use is in: the app started (its background pass checked the whole file,
 * stored each table's verdict and wrote an audit checkpoint), then a day's work, then `samrad
 * check`; and `--full`. Figures only, no assertions. What the same events would take stored as whole copies (the format before
 * version 7) is printed beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/context';
import { stateReader } from '../electron/backend/audit/states';
import { auditRowOf, type StoredAuditRow } from '../electron/backend/audit/row';
import { CHECK_NAMES, checkDatabase, checks, type CheckName, type CheckOptions } from '../electron/backend/db/check';
import { startMaintenance } from '../electron/backend/db/maintenance';
import type { IntegrityReport } from '../electron/backend/db/integrity';
import { openForInspection } from '../electron/backend/db/inspect';
import type { Paragraph } from '../shared/contract/meetings';
import { cachedDatabase, editorFields } from './generate';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sum = (ms: Record<string, number>) => Object.values(ms).reduce((a, b) => a + b, 0);
/** the whole command's (or, with `name`, one check's on its own) wall time beside its CPU time */
const timed = (t: CheckTimes, name?: CheckName) =>
  name === undefined
    ? `${seconds(t.total.ms)}, ${seconds(t.total.cpuMs)} (the checks one after the other: ${seconds(sum(t.ms))})`
    : `${seconds(t.ms[name])}, ${seconds(t.cpuMs[name])}`;
const share = (bytes: number, of: number) => `${mb(bytes)} = ${((100 * bytes) / of).toFixed(1)} %`;

interface Figures {
  paragraphs: number;
  attested: number;
  sealed: number;
  events: number;
  file: number;
  /** free pages in the file as opened (what migrations left; reused by later writes, returned by VACUUM) */
  free: number;
  audit: number;
  search: number;
  /** the same file after VACUUM: how a file written by this version from the start would be */
  vacuumed: { file: number; audit: number; search: number };
  wholeCopies: number;
  /** the app's background pass after start: whole-file integrity check, table verdicts, audit checkpoint */
  startPassMs: number;
  /** each check's wall time and the CPU time it used (on a loaded machine the gap is waiting for a core or the disk) */
  incremental: CheckTimes;
  full: CheckTimes;
  /** the tables the incremental integrity check checked, of all */
  integrityTables: { due: number; rotation: number; of: number };
  newEvents: number;
}

/**
 * BENCH_AUDIT_FROM="10000=/tmp/a.sqlite,100000=/tmp/b.sqlite": measure copies of these generated
 * files instead of the cached ones (a file another session is finishing, or one of an older schema
 * that must stay as it is: only the copy is migrated).
 */
function givenFiles(): Map<number, string> {
  return new Map(
    (process.env.BENCH_AUDIT_FROM ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [n, file] = pair.split('=');
        return [Number(n), file] as const;
      }),
  );
}

interface CheckTimes {
  /** the whole command (`checkDatabase`: SQLite's check in its worker beside the others) */
  total: { ms: number; cpuMs: number };
  /** each check on its own, one after the other */
  ms: Record<CheckName, number>;
  cpuMs: Record<CheckName, number>;
}

/** Wall and CPU time of `work` (CPU of every thread: the integrity check's worker counts). */
async function timedRun<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const used = process.cpuUsage();
  const value = await work();
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(used);
  return { value, ms, cpuMs: (user + system) / 1000 };
}

/** `samrad check` as the command runs it, then each of its checks timed on its own. */
async function timeChecks(db: import('better-sqlite3').Database, file: string, options: CheckOptions) {
  const whole = await timedRun(() => checkDatabase(db, file, options));
  if (!whole.value.ok) throw new Error('samrad check failed on the generated file');
  const ms = {} as Record<CheckName, number>;
  const cpuMs = {} as Record<CheckName, number>;
  let integrityTables = { due: 0, rotation: 0, of: 0 };
  for (const name of CHECK_NAMES) {
    const run = checks[name].run as (db: unknown, options: CheckOptions, file: string) => Promise<{ ok: boolean }>;
    const part = await timedRun(() => run(db, options, file));
    const result = part.value;
    ms[name] = part.ms;
    cpuMs[name] = part.cpuMs;
    if (!result.ok) throw new Error(`samrad check: ${name} failed on the generated file`);
    if (name === 'integrity' && 'notChecked' in result) {
      const r = result as unknown as IntegrityReport;
      const rotation = r.checked.filter((c) => c.reason === 'rotation').length;
      integrityTables = { due: r.checked.length - rotation, rotation, of: r.checked.length + r.notChecked.length };
    }
  }
  return { times: { total: { ms: whole.ms, cpuMs: whole.cpuMs }, ms, cpuMs }, integrityTables };
}

/** Bytes the named tables and their indexes take in the file (SQLite's dbstat). */
function bytesOf(db: import('better-sqlite3').Database, like: string): number {
  return db
    .prepare(
      `SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (
         SELECT name FROM sqlite_schema WHERE tbl_name LIKE ? OR name LIKE ?)`,
    )
    .pluck()
    .get(like, like) as number;
}

async function measure(paragraphs: number): Promise<Figures> {
  const source = givenFiles().get(paragraphs) ?? (await cachedDatabase(paragraphs)).file;
  const file = path.join(os.tmpdir(), `samrad-bench-audit-${paragraphs}-${process.pid}.sqlite`);
  fs.copyFileSync(source, file);
  if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${file}-wal`);
  try {
    const clock = fixedClock(new Date().toISOString());
    const backend = await startBackend(file, { clock, osUserName: 'sekreterare' });
    // a generated file: losing it to a crash costs nothing, and every autosave would wait for the disk
    backend.ctx.db.pragma('synchronous = OFF');
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await backend.dispatch(method as never, input as never);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    const db = backend.ctx.db;
    // the §§ still being written: each body's newest protocol (the generator leaves it a draft)
    const ids = db
      .prepare(
        "SELECT p.id FROM paragraph p JOIN protocol pr ON pr.meeting_id = p.meeting_id WHERE pr.status = 'draft' ORDER BY p.id",
      )
      .pluck()
      .all() as number[];
    const attested = db.prepare("SELECT count(*) FROM protocol WHERE status = 'attested'").pluck().get() as number;
    const sealed = db.prepare('SELECT count(*) FROM sealed_record').pluck().get() as number;
    // what the format before version 7 would have stored: every event's before and after whole
    const reader = stateReader(db);
    let wholeCopies = 0;
    for (const stored of db.prepare('SELECT * FROM audit_event ORDER BY id').all() as StoredAuditRow[]) {
      const row = auditRowOf(stored);
      const sides = reader.sidesOf(row);
      wholeCopies +=
        (sides.before === undefined ? 0 : JSON.stringify(sides.before).length) +
        (sides.after === undefined ? 0 : JSON.stringify(sides.after).length);
      reader.forget(row.base_id ?? -1);
    }
    // the app's background pass after start: the whole file checked, each table's verdict stored,
    // the audit checkpoint written; then a day's work: a few hundred new events
    const pass0 = performance.now();
    // the pass's start timer is unref'd (it must not hold a process open), so hold this one open while it is awaited
    const hold = setInterval(() => undefined, 1_000);
    try {
      await startMaintenance(backend.ctx, { delayMs: 0, backupEveryMs: 0 }).done;
    } finally {
      clearInterval(hold);
    }
    const startPassMs = performance.now() - pass0;
    let newEvents = 0;
    for (const id of ids.slice(0, 200)) {
      clock.set(new Date(clock.now().getTime() + 2 * 60_000).toISOString());
      const p = storedParagraph(db, id);
      await call('protocol.updateParagraph', { id, fields: { ...editorFields(p), notes: `Anteckning ${newEvents}` } });
      newEvents++;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const events = db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
    const audit = bytesOf(db, 'audit_%');
    const search = bytesOf(db, 'search_%');
    const free =
      (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    const vacuumedFile = `${file}.vacuumed`;
    db.prepare('VACUUM INTO ?').run(vacuumedFile);
    backend.close();
    const compact = openForInspection(vacuumedFile);
    const vacuumed = {
      file: fs.statSync(vacuumedFile).size,
      audit: bytesOf(compact, 'audit_%'),
      search: bytesOf(compact, 'search_%'),
    };
    compact.close();
    fs.rmSync(vacuumedFile, { force: true });

    const inspect = openForInspection(file);
    try {
      const incremental = await timeChecks(inspect, file, { full: false });
      const full = await timeChecks(inspect, file, { full: true });
      return {
        paragraphs,
        attested,
        sealed,
        events,
        file: fs.statSync(file).size,
        free,
        audit,
        search,
        vacuumed,
        wholeCopies,
        startPassMs,
        incremental: incremental.times,
        full: full.times,
        integrityTables: incremental.integrityTables,
        newEvents,
      };
    } finally {
      inspect.close();
    }
  } finally {
    if (!process.env.BENCH_AUDIT_KEEP)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** The fields of a § as the editor holds them (from the row: the generated database has them, no call needed). */
function storedParagraph(db: import('better-sqlite3').Database, id: number): Paragraph {
  const row = db.prepare('SELECT * FROM paragraph WHERE id = ?').get(id) as Record<string, unknown>;
  return {
    kind: row.kind,
    title: row.title,
    dnr: row.dnr,
    background: row.background,
    decision: row.decision,
    notes: row.notes,
    distribution: row.distribution,
    priorityId: row.priority_id,
    finished: row.finished === 1,
    carryOver: row.carry_over === 1,
  } as Paragraph;
}

export async function benchAudit(): Promise<void> {
  const sizes = (process.env.BENCH_AUDIT_SIZES ?? '10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  if (sizes.length === 0) {
    console.log('\nAudit log: skipped (BENCH_AUDIT_SIZES empty).');
    return;
  }
  console.log(
    '\nAudit log and samrad check, on the generated databases (every § autosaved while written, edited, finished; protocols attested and sealed):',
  );
  const all: Figures[] = [];
  for (const n of sizes) all.push(await measure(n));
  const rows: Array<[string, (f: Figures) => string, string]> = [
    ['§§', (f) => String(f.paragraphs), ''],
    ['protocols attested (sealed records)', (f) => `${f.attested} (${f.sealed})`, ''],
    ['audit events (autosaves coalesced)', (f) => String(f.events), ''],
    ['database file as migrated', (f) => mb(f.file), ''],
    ['  of which free pages (until VACUUM)', (f) => mb(f.free), ''],
    ['  audit log (audit_* tables and indexes)', (f) => share(f.audit, f.file), ''],
    ['  search index (search_*)', (f) => share(f.search, f.file), ''],
    ['database file after VACUUM', (f) => mb(f.vacuumed.file), ''],
    ['  audit log', (f) => share(f.vacuumed.audit, f.vacuumed.file), 'target ≤ 20 % at 100k'],
    ['  search index', (f) => share(f.vacuumed.search, f.vacuumed.file), ''],
    ['the same events as whole copies (before v7)', (f) => mb(f.wholeCopies), ''],
    ["the app's pass after start (background)", (f) => seconds(f.startPassMs), ''],
    [
      "samrad check after it and a day's work (wall, cpu)",
      (f) => `${f.newEvents} new events: ${timed(f.incremental)}`,
      'target ≤ 2 s at 100k',
    ],
    ...CHECK_NAMES.map((name): [string, (f: Figures) => string, string] => [
      `  ${checks[name].label}`,
      (f) =>
        `${name === 'integrity' ? `of ${f.integrityTables.of} tables ${f.integrityTables.due} due, ${f.integrityTables.rotation} in rotation: ` : ''}${timed(f.incremental, name)}`,
      '',
    ]),
    ['samrad check --full (wall, cpu)', (f) => timed(f.full), ''],
    ...CHECK_NAMES.map((name): [string, (f: Figures) => string, string] => [
      `  ${checks[name].label}`,
      (f) => timed(f.full, name),
      '',
    ]),
  ];
  const table = rows.map(([label, value, target]) => [label, ...all.map(value), target]);
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table)
    console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
}
