/**
 * The audit part of `npm run bench` (issue 16, point 5), at 10 000 and 100 000 §§ side by side
 * (BENCH_AUDIT_SIZES), on copies of the generated databases (bench/generate.ts): how much of the database file the audit log takes with a realistic
 * autosave history, the search index's size on its own, and how long `samrad check` takes, from
 * its checkpoint and in full. Figures only, no assertions.
 *
 * The autosave history goes through the contract (`protocol.updateParagraph`, as the § editor
 * saves): for each § three writing sessions an hour apart, each two autosaves ten seconds
 * apart, adding to the decision text or editing the background: six saves, which the log
 * keeps as three events. What the same events would take stored as whole copies (the format
 * before version 7) is printed beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/context';
import { fullPassAndCheckpoint, verifyChain, verifyChainIncrementally } from '../electron/backend/audit/chain';
import { stateReader } from '../electron/backend/audit/states';
import { checkDatabase } from '../electron/backend/db/check';
import { openForInspection } from '../electron/backend/db/inspect';
import type { Paragraph } from '../shared/contract/meetings';
import { cachedDatabase } from './generate';

const SESSIONS = 3;
const SAVES_PER_SESSION = 2;
const SENTENCES = [
  'Samrådet beslutar att uppdra åt arbetsgruppen att återkomma med en samlad lägesbild.',
  'Polisen och kommunen genomför gemensamma trygghetsvandringar under hösten.',
  'Räddningstjänsten redovisar anlagda bränder vid nästa sammanträde.',
  'Åtgärderna följs upp inom ramen för medborgarlöftet.',
  'Frågan bordläggs till nästa möte.',
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Figures {
  paragraphs: number;
  saves: number;
  events: number;
  file: number;
  audit: number;
  search: number;
  wholeCopies: number;
  /** the autosaves as the log before version 7 kept them: an event each, before and after whole */
  uncoalescedCopies: number;
  historySeconds: number;
  incrementalChainMs: number;
  incrementalCheckMs: number;
  fullChainMs: number;
  fullCheckMs: number;
  newEvents: number;
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

function fieldsOf(p: Paragraph) {
  return {
    kind: p.kind,
    title: p.title,
    dnr: p.dnr,
    background: p.background,
    decision: p.decision,
    notes: p.notes,
    distribution: p.distribution,
    priorityId: p.priorityId,
    finished: p.finished,
    carryOver: p.carryOver,
  };
}

async function measure(paragraphs: number): Promise<Figures> {
  const generated = await cachedDatabase(paragraphs);
  const file = path.join(os.tmpdir(), `samrad-bench-audit-${paragraphs}-${process.pid}.sqlite`);
  fs.copyFileSync(generated.file, file);
  try {
    const clock = fixedClock('2017-01-02T08:00:00Z');
    const backend = await startBackend(file, { clock, osUserName: 'sekreterare' });
    // a generated file: losing it to a crash costs nothing, and every autosave would wait for the disk
    backend.ctx.db.pragma('synchronous = OFF');
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await backend.dispatch(method as never, input as never);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    const db = backend.ctx.db;
    const ids = db.prepare('SELECT id FROM paragraph ORDER BY id').pluck().all() as number[];
    const started = performance.now();
    let saves = 0;
    let uncoalescedCopies = 0;
    const logged = ({ actions: _a, attestations: _b, corrections: _c, ...rest }: Paragraph) =>
      JSON.stringify(rest).length;
    for (const [n, id] of ids.entries()) {
      let p = storedParagraph(db, id);
      for (let s = 0; s < SESSIONS; s++) {
        clock.set(new Date(clock.now().getTime() + 60 * 60_000).toISOString());
        for (let k = 0; k < SAVES_PER_SESSION; k++) {
          clock.set(new Date(clock.now().getTime() + 10_000).toISOString());
          const fields = fieldsOf(p);
          if (s < 2) fields.decision = `${p.decision ?? ''} ${SENTENCES[(n + s * 3 + k) % SENTENCES.length]}`.trim();
          else if (p.background)
            fields.background = p.background.replace(/\.(\s|$)/, `, enligt lägesbilden ${k + 1}.$1`);
          const before = p;
          p = await call<Paragraph>('protocol.updateParagraph', { id, fields });
          // the first save's before is the row's fields only: count it as large as its after
          uncoalescedCopies += logged(p) + (before.id === undefined ? logged(p) : logged(before));
          saves++;
        }
      }
    }
    const historySeconds = (performance.now() - started) / 1000;
    // what the format before version 7 would have stored: every event's before and after whole
    const reader = stateReader(db);
    let wholeCopies = 0;
    for (const row of db
      .prepare('SELECT id, before, after, base_id, delta FROM audit_event ORDER BY id')
      .all() as Array<{
      id: number;
      before: string | null;
      after: string | null;
      base_id: number | null;
      delta: string | null;
    }>) {
      const sides = reader.sidesOf(row);
      wholeCopies +=
        (sides.before === undefined ? 0 : JSON.stringify(sides.before).length) +
        (sides.after === undefined ? 0 : JSON.stringify(sides.after).length);
      reader.forget(row.base_id ?? -1);
    }
    // the app's background pass writes the checkpoint; then a day's work: a few hundred new events
    await fullPassAndCheckpoint(db, backend.ctx.clock);
    let newEvents = 0;
    for (const id of ids.slice(0, 200)) {
      clock.set(new Date(clock.now().getTime() + 2 * 60_000).toISOString());
      const p = storedParagraph(db, id);
      await call('protocol.updateParagraph', { id, fields: { ...fieldsOf(p), notes: `Anteckning ${newEvents}` } });
      newEvents++;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const events = db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
    const audit = bytesOf(db, 'audit_%');
    const search = bytesOf(db, 'search_%');
    backend.close();

    const inspect = openForInspection(file);
    try {
      const time = (work: () => unknown) => {
        const t0 = performance.now();
        work();
        return performance.now() - t0;
      };
      const incrementalChainMs = time(() => {
        if (!verifyChainIncrementally(inspect).ok) throw new Error('chain broken');
      });
      const fullChainMs = time(() => {
        if (!verifyChain(inspect).ok) throw new Error('chain broken');
      });
      const incrementalCheckMs = time(() => checkDatabase(inspect, file));
      const fullCheckMs = time(() => checkDatabase(inspect, file, { full: true }));
      return {
        paragraphs,
        saves,
        events,
        file: fs.statSync(file).size,
        audit,
        search,
        wholeCopies,
        uncoalescedCopies,
        historySeconds,
        incrementalChainMs,
        incrementalCheckMs,
        fullChainMs,
        fullCheckMs,
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
    `\nAudit log and samrad check, with an autosave history through the contract (${SESSIONS} sessions × ${SAVES_PER_SESSION} autosaves per §):`,
  );
  const all: Figures[] = [];
  for (const n of sizes) all.push(await measure(n));
  const rows: Array<[string, (f: Figures) => string, string]> = [
    ['§§', (f) => String(f.paragraphs), ''],
    ['autosaves through the contract', (f) => `${f.saves} in ${f.historySeconds.toFixed(0)} s`, ''],
    ['audit events (autosaves coalesced)', (f) => String(f.events), ''],
    ['database file', (f) => mb(f.file), ''],
    [
      'audit log (audit_* tables and indexes)',
      (f) => `${mb(f.audit)} = ${((100 * f.audit) / f.file).toFixed(1)} %`,
      'target ≤ 20 % at 100k',
    ],
    ['search index (search_*)', (f) => `${mb(f.search)} = ${((100 * f.search) / f.file).toFixed(1)} %`, ''],
    ['the same events as whole copies (before v7)', (f) => mb(f.wholeCopies), ''],
    ['the autosaves as whole copies, one event each', (f) => mb(f.uncoalescedCopies), ''],
    ['audit chain from the checkpoint', (f) => `${seconds(f.incrementalChainMs)} (${f.newEvents} new events)`, ''],
    ['samrad check (incremental)', (f) => seconds(f.incrementalCheckMs), 'target ≤ 2 s at 100k'],
    ['audit chain, full re-hash', (f) => seconds(f.fullChainMs), ''],
    ['samrad check --full', (f) => seconds(f.fullCheckMs), ''],
  ];
  const table = rows.map(([label, value, target]) => [label, ...all.map(value), target]);
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table)
    console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
}
