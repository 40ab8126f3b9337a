import type { Db } from './open';
import { schemaVersion } from './open';
import { LATEST_VERSION } from './migrations';
import { verifiedCheckpointTime, verifyChain, verifyChainIncrementally } from '../audit/chain';
import { newestHash } from '../audit/row';
import { checkSearchIndex } from '../search/maintenance';
import { systemClock } from '../context';
import { verifyAllSeals } from '../records/verify-seal';
import { hasRecords, sealsAwaitingTimestamp } from '../records/store';
import { verifyAttachmentContent } from '../meetings/verify-attachments';
import { checkIncrementally, checkWholeFile, type CheckReason, type IntegrityReport } from './integrity';

/** A check that could not run at all (the file is too damaged to answer it): failed, with SQLite's reason. */
export interface CheckNotRun {
  ok: false;
  error: string;
}

/**
 * One check of `samrad check`: how it runs and how its result reads in a terminal. Each check
 * runs on its own, so one that throws (a malformed page, a missing table) is reported as
 * failed and the others still run. A new check is one more entry in `checks`.
 */
/**
 * `full`: re-hash the whole audit chain instead of starting from its newest checkpoint, re-check
 * every seal and search document instead of the newest and a sample, and run SQLite's whole-file
 * integrity check.
 */
export interface CheckOptions {
  full: boolean;
  /** how long the incremental integrity check may spend on tables not due, longest unchecked first (ms) */
  rotationBudgetMs?: number;
}

interface Check<T extends { ok: boolean }> {
  label: string;
  /** `file` is the database's path, for a check that opens its own connection to it */
  run(db: Db, options: CheckOptions, file: string): T | Promise<T>;
  describe(result: T): string;
}

/**
 * How long an incremental integrity check runs before it stops taking tables that are not due
 * (ms): the due ones are always checked, and on a large file take all of it.
 */
const ROTATION_BUDGET_MS = 1000;

/** Documents whose text and tokens the incremental check compares (half the newest, half at random). */
const SEARCH_SAMPLE = 500;

/** Handlingar the incremental check re-hashes: this many of the newest and as many older ones at random. */
const ATTACHMENT_SAMPLE = 25;

const mark = (ok: boolean) => (ok ? 'ok' : 'FAILED');
const check = <T extends { ok: boolean }>(c: Check<T>) => c;

function hasTable(db: Db, name: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name));
}

const REASONS: Record<Exclude<CheckReason, 'full'>, string> = {
  written: 'written since their last whole check',
  schema: 'with a changed schema',
  failed: 'that failed their last check',
  never: 'never checked whole',
  uncounted: 'whose writes are not counted',
  rotation: 'in rotation, longest unchecked first',
};

function describeIntegrity({ ok, whole, problems, checked, notChecked }: IntegrityReport): string {
  const listed = problems.map((p) => `\n  ${p}`).join('');
  if (whole) return `${mark(ok)}${listed}`;
  const why = (Object.keys(REASONS) as Array<keyof typeof REASONS>)
    .map((reason) => [reason, checked.filter((c) => c.reason === reason).length] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${REASONS[reason]}`);
  const byTime = new Map<string, string[]>();
  for (const { table, lastChecked } of notChecked) byTime.set(lastChecked, [...(byTime.get(lastChecked) ?? []), table]);
  const rest = [...byTime].map(
    ([at, tables]) => `\n  not checked this run, last checked whole at ${at}: ${tables.join(', ')}`,
  );
  return `${mark(ok)} (table by table, ${checked.length} tables checked: ${why.join(', ') || 'none due'}${notChecked.length > 0 ? `; ${notChecked.length} unchanged since their last whole check not checked this run` : ''}; "--full" checks the whole file)${listed}${rest.join('')}`;
}

export const checks = {
  schema: check({
    label: 'Schema',
    run: (db) => {
      const version = schemaVersion(db);
      return { ok: version === LATEST_VERSION, version, latest: LATEST_VERSION };
    },
    describe: ({ ok, version, latest }) =>
      `${mark(ok)} (version ${version}, this Samråd writes ${latest}${version < latest ? '; run "samrad init" to update it' : version > latest ? '; written by a newer Samråd: update Samråd' : ''})`,
  }),
  /**
   * SQLite's own check (db/integrity.ts). Incrementally, table by table (each table with its
   * indexes, the FTS indexes' own tables included): the tables that may have changed since their
   * last whole check, then the longest unchecked within a time budget; each table not checked is
   * named with the time of its last whole check. `--full` runs the whole-file `integrity_check`.
   */
  integrity: check({
    label: 'Integrity',
    run: (db, options, file) =>
      options.full
        ? checkWholeFile(db, file)
        : checkIncrementally(db, file, { budgetMs: options.rotationBudgetMs ?? ROTATION_BUDGET_MS }),
    describe: describeIntegrity,
  }),
  foreignKeys: check({
    label: 'Foreign keys',
    run: (db) => {
      const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
      return {
        ok: rows.length === 0,
        problems: rows.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent })),
      };
    },
    describe: ({ ok, problems }) =>
      `${mark(ok)}${problems.map((p) => `\n  ${p.table} row ${p.rowid} refers to a missing ${p.parent}`).join('')}`,
  }),
  /**
   * `head`: hash of the newest event. Noted down elsewhere (e.g. with an archive export), it shows later that no event was cut off the end.
   * `verified`: events re-hashed, from the checkpoint after event `checkpoint` (null: all; see audit/chain.ts for what that proves).
   */
  auditChain: check({
    label: 'Audit chain',
    run: (db, options) => {
      if (!hasTable(db, 'audit_event'))
        return {
          ok: false,
          events: 0,
          brokenAt: null as number | null,
          head: null as string | null,
          verified: 0,
          checkpoint: null as number | null,
        };
      const chain = options.full ? verifyChain(db) : verifyChainIncrementally(db);
      const head = newestHash(db);
      return {
        ok: chain.ok,
        events: chain.events,
        brokenAt: chain.brokenAt,
        head,
        verified: chain.verified,
        checkpoint: chain.checkpoint,
      };
    },
    describe: ({ ok, events, brokenAt, head, verified, checkpoint }) =>
      `${mark(ok)} (${events} events${checkpoint !== null ? `; ${verified} re-hashed after the checkpoint at event ${checkpoint}` : ''}${brokenAt !== null ? `; first broken event: ${brokenAt}` : ''}${head ? `; newest hash ${head}` : ''})`,
  }),
  /** the full-text index agrees with the tables (see electron/backend/search/maintenance.ts) */
  search: check({
    label: 'Search index',
    run: (db, options) => checkSearchIndex(db, options.full ? {} : { sample: SEARCH_SAMPLE }),
    describe: ({ ok, documents, checked, problems }) =>
      `${mark(ok)} (${documents} records${checked < documents ? `; ${checked} of them re-read and re-tokenized, the newest and a random sample; "--full" re-checks all` : ''})${problems.map((p) => `\n  ${p}`).join('')}`,
  }),
  /**
   * sealed records re-checked: their hashes, and that the tables still hold what they show (see
   * records/verify-seal.ts); all with `full` or when there is no verified checkpoint, else those
   * sealed since the checkpoint and a random sample of the older ones
   */
  seals: check({
    label: 'Seals',
    run: (db, options) => {
      if (!hasRecords(db))
        return {
          ok: false,
          records: 0,
          checked: 0,
          since: null as string | null,
          sampled: 0,
          awaitingTimestamp: 0,
          problems: [
            {
              code: 'missing' as const,
              field: null,
              paragraph: null,
              message: 'this database has no sealed records yet: run "samrad init" to update it',
            },
          ],
        };
      const since = options.full ? null : verifiedCheckpointTime(db);
      return {
        ...verifyAllSeals({ db, dbPath: '', clock: systemClock, osUserName: '', emit: () => undefined }, since),
        // not a failure: the act stands, and the seal is made once the TSA answers (records/pending-seal.ts)
        awaitingTimestamp: sealsAwaitingTimestamp(db),
      };
    },
    describe: ({ ok, records, checked, since, sampled, awaitingTimestamp, problems }) =>
      `${mark(ok)} (${records} records${since === null ? '' : `; re-checked ${checked - sampled} sealed since the checkpoint of ${since} and ${sampled} older ones sampled at random; "--full" re-checks all`}${awaitingTimestamp > 0 ? `; ${awaitingTimestamp} waiting for the organisation's seal with a trusted timestamp (the TSA did not answer yet)` : ''})${problems.map((p) => `\n  ${p.message}`).join('')}`,
  }),
  /**
   * handlingar's bytes re-hashed against their stored SHA-256 and the sealed records' (see
   * meetings/verify-attachments.ts): all with `full`, else the newest and a random sample
   */
  attachments: check({
    label: 'Handlingar',
    run: (db, options) => verifyAttachmentContent(db, options.full ? {} : { sample: ATTACHMENT_SAMPLE }),
    describe: ({ ok, files, checked, problems }) =>
      `${mark(ok)} (${files} files${checked < files ? `; ${checked} of them re-hashed, the newest and a random sample; "--full" re-hashes all` : ''})${problems.map((p) => `\n  ${p}`).join('')}`,
  }),
};

export type CheckName = keyof typeof checks;
export const CHECK_NAMES = Object.keys(checks) as CheckName[];
type Results = { [K in CheckName]: Awaited<ReturnType<(typeof checks)[K]['run']>> | CheckNotRun };

/** What `samrad check` reports; the JSON shape is stable for scripts (a test pins its keys): one object per check. */
export type CheckReport = { ok: boolean; database: string } & Results;

/**
 * Checks a database without changing it: SQLite's own integrity check, every foreign key,
 * that the schema is the one this version writes, and that the audit log's hash chain holds
 * (from its newest checkpoint, or all of it with `full`).
 * Open the file with `openForInspection` so that nothing, not even the journal mode, changes.
 * SQLite's integrity check runs in a worker on its own read-only connection to `file` while the
 * other checks run here. Never rejects: a check that cannot run is reported as failed with the reason.
 */
export async function checkDatabase(
  db: Db,
  file: string,
  options: CheckOptions = { full: false },
): Promise<CheckReport> {
  const notRun = (error: unknown): CheckNotRun => ({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  });
  // each started in order; one that works elsewhere (the integrity check) goes on while the next run
  const pending = CHECK_NAMES.map((name) => {
    try {
      const run = checks[name].run as (db: Db, options: CheckOptions, file: string) => unknown;
      return Promise.resolve(run(db, options, file) as { ok: boolean }).catch(notRun);
    } catch (error) {
      return Promise.resolve(notRun(error));
    }
  });
  const settled = await Promise.all(pending);
  const results = Object.fromEntries(CHECK_NAMES.map((name, i) => [name, settled[i]])) as unknown as Results;
  const ok = CHECK_NAMES.every((name) => results[name].ok);
  return { ok, database: file, ...results };
}

/** The names of the checks that failed, for a one-line summary. */
export function failedChecks(report: CheckReport): CheckName[] {
  return CHECK_NAMES.filter((name) => !report[name].ok);
}

/** The same report for a person reading a terminal: one line (or block) per check, every check always. */
export function describeCheck(report: CheckReport): string[] {
  const width = Math.max('Database'.length, ...CHECK_NAMES.map((n) => checks[n].label.length)) + 2;
  const line = (label: string, text: string) => `${`${label}:`.padEnd(width + 1)}${text}`;
  return [
    line('Database', report.database),
    ...CHECK_NAMES.map((name) => {
      const result = report[name];
      const text =
        'error' in result
          ? `FAILED (could not be checked: ${result.error})`
          : (checks[name].describe as (r: unknown) => string)(result);
      return line(checks[name].label, text);
    }),
  ];
}
