import crypto from 'node:crypto';
import type { Db } from './open';
import { integrityInWorker, type IntegrityJobResult } from './integrity-worker';

/**
 * SQLite's integrity check, table by table, from what is known about each table's last whole
 * check (migration 017): a run checks every table that may have changed since — rows written
 * (its write count moved), its schema changed (its SQL, an index or a trigger), its last verdict
 * was a failure, or it was never checked whole — and then, while the run is within its time
 * budget, the tables checked longest ago. Every other table is named with the time of its last whole check.
 *
 * What "not written" proves: every write through SQL fires the counting triggers, so an
 * unchanged count and schema mean no row of the table was written through SQLite since the
 * check. It says nothing about a disk that changes bytes by itself; that is what the rotation,
 * the app's whole-file check after every start (which stores the state) and `--full` are for.
 */

export type CheckReason = 'written' | 'schema' | 'failed' | 'never' | 'uncounted' | 'rotation' | 'full';
// named constants: a `reason: '…'` literal reads as an error message key to message-keys.test
const WHOLE_FILE: CheckReason = 'full';
const IN_ROTATION: CheckReason = 'rotation';

export interface TableState {
  name: string;
  /** the table's write count (null: no counting triggers, so never trusted as unwritten) */
  writes: number | null;
  schemaSha256: string;
}

export interface IntegrityReport {
  ok: boolean;
  /** SQLite's whole-file check (`--full`): every b-tree, the free-page list and FTS5's own check */
  whole: boolean;
  problems: string[];
  /** the tables checked this run, and why each was due */
  checked: Array<{ table: string; reason: CheckReason }>;
  /** the tables not checked this run: unchanged since their last whole check, at `lastChecked` */
  notChecked: Array<{ table: string; lastChecked: string }>;
}

const FTS_SHADOWS = ['data', 'idx', 'content', 'docsize', 'config'];
/** the only writer of the FTS indexes' tables is the search triggers on `search_doc` (migration 005) */
const FTS_SOURCE = 'search_doc';

function hasTable(db: Db, name: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name));
}

/** Every table SQLite's table-wise check can name (the FTS indexes are checked through their own tables). */
function checkableTables(db: Db): { tables: string[]; ftsShadows: Set<string> } {
  const virtual = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    .pluck()
    .all() as string[];
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const ftsShadows = new Set(virtual.flatMap((v) => FTS_SHADOWS.map((s) => `${v}_${s}`)));
  return { tables, ftsShadows };
}

/** Each table's write count and schema fingerprint now: what a whole check is recorded against. */
export function tableStates(db: Db): TableState[] {
  const { tables, ftsShadows } = checkableTables(db);
  const counts = new Map<string, number>(
    hasTable(db, 'table_write')
      ? (db.prepare('SELECT name, n FROM table_write').raw().all() as Array<[string, number]>)
      : [],
  );
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? ORDER BY type, name').raw();
  return tables.map((name) => ({
    name,
    writes: counts.get(ftsShadows.has(name) ? FTS_SOURCE : name) ?? null,
    schemaSha256: crypto
      .createHash('sha256')
      .update(JSON.stringify(schema.all(name)))
      .digest('hex'),
  }));
}

/**
 * Stores the verdict of a whole check that started at `checkedAt` with the tables as `states`
 * (read before the check began: a write during it moves the count, so that table is checked
 * again next time, never trusted on a verdict that may predate it).
 */
export function recordWholeCheck(db: Db, states: TableState[], checkedAt: string, ok: boolean): void {
  if (!hasTable(db, 'integrity_state')) return;
  const upsert = db.prepare(
    `INSERT INTO integrity_state (name, checked_at, ok, writes, schema_sha256) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET checked_at = excluded.checked_at, ok = excluded.ok, writes = excluded.writes,
       schema_sha256 = excluded.schema_sha256`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM integrity_state').run();
    for (const s of states) upsert.run(s.name, checkedAt, ok ? 1 : 0, s.writes, s.schemaSha256);
  }).immediate();
}

interface StoredState {
  name: string;
  checked_at: string;
  ok: number;
  writes: number | null;
  schema_sha256: string;
}

/** SQLite's whole-file check: every b-tree, the free-page list, FTS5's re-tokenizing of every document. */
export async function checkWholeFile(db: Db, file: string): Promise<IntegrityReport> {
  const { tables } = checkableTables(db);
  const problems = problemsOf(await integrityInWorker({ file, due: [null] }));
  return {
    ok: problems.length === 0,
    whole: true,
    problems,
    checked: tables.map((table) => ({ table, reason: WHOLE_FILE })),
    notChecked: [],
  };
}

function problemsOf(result: IntegrityJobResult): string[] {
  // no verdict on the file: the check could not run, which `samrad check` reports as such
  if ('error' in result) throw new Error(result.error);
  return result.checked.flatMap((c) => c.problems);
}

/**
 * The incremental check: the tables that may have changed since their last whole check, always,
 * then the longest unchecked while the run has taken less than `budgetMs` (from its start): on a
 * large file the due tables take the budget, and the rest wait for the app's whole check or
 * `--full`. It runs in a worker on its own read-only connection to `file`, so the caller's other
 * checks run meanwhile.
 */
export async function checkIncrementally(
  db: Db,
  file: string,
  options: { budgetMs: number },
): Promise<IntegrityReport> {
  const stored = new Map(
    (hasTable(db, 'integrity_state') ? (db.prepare('SELECT * FROM integrity_state').all() as StoredState[]) : []).map(
      (s) => [s.name, s],
    ),
  );
  const due: Array<{ table: string; reason: CheckReason }> = [];
  const rest: StoredState[] = [];
  for (const state of tableStates(db)) {
    const last = stored.get(state.name);
    const reason: CheckReason | null = !last
      ? 'never'
      : last.ok !== 1
        ? 'failed'
        : state.writes === null
          ? 'uncounted'
          : last.schema_sha256 !== state.schemaSha256
            ? 'schema'
            : last.writes !== state.writes
              ? 'written'
              : null;
    if (reason) due.push({ table: state.name, reason });
    else rest.push(last!);
  }
  rest.sort((a, b) => a.checked_at.localeCompare(b.checked_at) || a.name.localeCompare(b.name));
  const result = await integrityInWorker({
    file,
    due: due.map((d) => d.table),
    rotation: rest.map((r) => r.name),
    budgetMs: options.budgetMs,
  });
  const problems = problemsOf(result);
  const rotated = new Set(('checked' in result ? result.checked : []).map((c) => c.table));
  return {
    ok: problems.length === 0,
    whole: false,
    problems,
    checked: [...due, ...rest.filter((r) => rotated.has(r.name)).map((r) => ({ table: r.name, reason: IN_ROTATION }))],
    notChecked: rest.filter((r) => !rotated.has(r.name)).map((r) => ({ table: r.name, lastChecked: r.checked_at })),
  };
}
