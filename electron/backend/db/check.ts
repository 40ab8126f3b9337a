import type { Db } from './open';
import { schemaVersion } from './open';
import { LATEST_VERSION } from './migrations';
import { verifyChain } from '../audit/log';

/** What `samrad check` reports; the JSON shape is stable for scripts (a test pins its keys). */
export interface CheckReport {
  ok: boolean;
  database: string;
  schema: { ok: boolean; version: number; latest: number };
  integrity: { ok: boolean; problems: string[] };
  foreignKeys: { ok: boolean; problems: Array<{ table: string; rowid: number | null; parent: string }> };
  /** `head`: hash of the newest event. Noted down elsewhere (e.g. with an archive export), it shows later that no event was cut off the end. */
  auditChain: { ok: boolean; events: number; brokenAt: number | null; head: string | null };
}

/**
 * Checks a database without changing it: SQLite's own integrity check, every foreign key,
 * that the schema is the one this version writes, and that the audit log's hash chain holds.
 */
export function checkDatabase(db: Db, file: string): CheckReport {
  const version = schemaVersion(db);
  const integrityRows = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  const integrityOk = integrityRows.length === 1 && integrityRows[0] === 'ok';
  const fkRows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
  const hasLog = Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_event'").get());
  const chain = hasLog ? verifyChain(db) : { ok: false, events: 0, brokenAt: null };
  const head = hasLog ? ((db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null) : null;
  const report = {
    database: file,
    schema: { ok: version === LATEST_VERSION, version, latest: LATEST_VERSION },
    integrity: { ok: integrityOk, problems: integrityOk ? [] : integrityRows },
    foreignKeys: { ok: fkRows.length === 0, problems: fkRows.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent })) },
    auditChain: { ok: chain.ok, events: chain.events, brokenAt: chain.brokenAt, head },
  };
  return { ok: report.schema.ok && report.integrity.ok && report.foreignKeys.ok && report.auditChain.ok, ...report };
}

/** The same report for a person reading a terminal. */
export function describeCheck(report: CheckReport): string[] {
  const mark = (ok: boolean) => (ok ? 'ok' : 'FAILED');
  const { schema, integrity, foreignKeys, auditChain } = report;
  return [
    `Database:      ${report.database}`,
    `Schema:        ${mark(schema.ok)} (version ${schema.version}, this Samråd writes ${schema.latest}${schema.version < schema.latest ? '; run "samrad init" to update it' : ''})`,
    `Integrity:     ${mark(integrity.ok)}${integrity.problems.map((p) => `\n  ${p}`).join('')}`,
    `Foreign keys:  ${mark(foreignKeys.ok)}${foreignKeys.problems.map((p) => `\n  ${p.table} row ${p.rowid} refers to a missing ${p.parent}`).join('')}`,
    `Audit chain:   ${mark(auditChain.ok)} (${auditChain.events} events${auditChain.brokenAt !== null ? `; first broken event: ${auditChain.brokenAt}` : ''}${auditChain.head ? `; newest hash ${auditChain.head}` : ''})`,
  ];
}
