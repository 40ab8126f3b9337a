import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { generateThroughContract, type GeneratedFacts } from '../../../bench/generate';
import type { Input, Method } from '../../../shared/contract';

/**
 * Every statement the pages' calls run, read by SQLite's EXPLAIN QUERY PLAN: none may read the
 * whole paragraph, action_item or audit_event table (a table scan there is what made twenty years slow). An
 * index walked in order under a LIMIT, or a covering index counted, is fine.
 */
let b: TestBackend;
let facts: GeneratedFacts;
const TODAY = '2026-12-01';

beforeAll(async () => {
  b = await testBackend(`${TODAY}T09:00:00Z`);
  facts = await generateThroughContract(b.dispatch, { paragraphs: 200, today: TODAY });
}, 600_000);
afterAll(() => b.cleanup());

/** The SQL of every statement prepared while `work` runs (the statement cache prepares each text once: a fresh backend sees all). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const db = b.ctx.db;
  const prepare = db.prepare;
  const seen = new Set<string>();
  db.prepare = ((source: string) => (seen.add(source), prepare.call(db, source))) as typeof db.prepare;
  try {
    await work();
  } finally {
    db.prepare = prepare;
  }
  return [...seen].filter((sql) => /^\s*SELECT/i.test(sql));
}

const HOT_TABLES = ['paragraph', 'action_item', 'audit_event', 'protocol', 'attestation'];

/** A table scan of one of `tables` (by default the hot ones), by name or by the aliases the services give them. */
function fullScans(sql: string, tables = HOT_TABLES): string[] {
  const names = new Set(tables);
  for (const m of sql.matchAll(new RegExp(`\\b(${tables.join('|')})\\s+(?:AS\\s+)?([a-z]\\w*)\\b`, 'gi')))
    if (!/^(ON|WHERE|JOIN|LEFT|GROUP|ORDER|LIMIT|USING)$/i.test(m[2])) names.add(m[2]);
  const params: Record<string, null> = {};
  for (const m of sql.matchAll(/@(\w+)/g)) params[m[1]] = null;
  const positional = (sql.match(/\?/g) ?? []).map(() => null);
  const statement = b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const plan = (Object.keys(params).length ? statement.all(params) : statement.all(...positional)) as Array<{
    detail: string;
  }>;
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)(.*)$/.exec(detail);
      return scan !== null && names.has(scan[1]) && !/USING (COVERING )?INDEX/.test(scan[2]);
    });
}

describe('query plans of the pages’ calls', () => {
  it('read paragraph and action_item through indexes only', async () => {
    const body = facts.bodyIds[1];
    const upcoming = await b.call('meetings.list', { bodyId: body, from: TODAY, limit: 1 });
    const past = await b.call('meetings.list', { bodyId: body, before: TODAY, order: 'desc', limit: 1 });
    const calls: Array<[Method, unknown]> = [
      ['meetings.list', { bodyId: body, from: TODAY, order: 'asc' }],
      [
        'meetings.list',
        { bodyId: body, before: TODAY, order: 'desc', after: JSON.stringify(['2026-01-01', '09:00', 1]) },
      ],
      ['meetings.list', { year: 2026 }],
      ['meetings.get', { id: past.items[0].id }],
      ['protocol.get', { meetingId: past.items[0].id }],
      ['attendance.list', { meetingId: past.items[0].id }],
      ['agenda.list', { meetingId: upcoming.items[0].id }],
      ['agenda.suggestions', { meetingId: upcoming.items[0].id }],
      ['meetings.priorities', { on: TODAY }],
      ['actions.list', { status: 'open' }],
      ['actions.list', { status: 'open', after: JSON.stringify(['2027-01-01', 5]) }],
      ['actions.list', { overdue: true }],
      ['actions.list', { priorityId: facts.priorityIds[0] }],
      ['actions.list', { bodyId: body, status: 'done' }],
      ['actions.stats', {}],
      ['actions.stats', { bodyId: body }],
      ['desk.get', {}],
      ['paragraphs.list', {}],
      ['paragraphs.list', { bodyId: body, year: 2026, after: JSON.stringify([body, 2026, 3]) }],
      ['paragraphs.list', { meetingId: past.items[0].id }],
      ['people.list', {}],
      ['people.list', { search: 'berg', limit: 50, after: JSON.stringify(['b', 1]) }],
      ['people.list', { ids: [1, 2] }],
      ['bodies.list', {}],
      ['bodies.list', { search: 'samråd', includeArchived: true, after: JSON.stringify(['c', 1]) }],
      ['bodies.list', { ids: [1, 2] }],
      ['organisations.list', {}],
      ['organisations.list', { search: 'kommun', after: JSON.stringify(['s', 1]) }],
      ['organisations.list', { ids: [1, 2] }],
      ['history.forRecord', { entity: 'meeting', entityId: past.items[0].id }],
      ['history.forRecord', { entity: 'meeting', entityId: past.items[0].id, action: 'export', after: '[1000000]' }],
      ['records.list', {}],
      ['records.list', { kind: 'protocol', after: '[1000000]' }],
      ['agreements.list', {}],
      ['agreements.versions.list', {}],
      ['agreements.versions.list', { agreementId: 1, after: JSON.stringify(['2030-01-01', 1000]) }],
    ];
    const found: string[] = [];
    for (const [method, input] of calls) {
      const statements = await statementsOf(() => b.call(method, input as Input<typeof method>));
      expect(statements.length, method).toBeGreaterThan(0);
      for (const sql of statements)
        for (const scan of fullScans(sql)) found.push(`${method} ${JSON.stringify(input)}: ${scan}\n  ${sql}`);
    }
    expect(found).toEqual([]);
  });

  it('the protocol tab finds the seals awaiting a timestamp from pending_seal, not by reading every sealed record', async () => {
    const past = await b.call('meetings.list', { bodyId: facts.bodyIds[1], before: TODAY, order: 'desc', limit: 1 });
    const statements = await statementsOf(() => b.call('protocol.get', { meetingId: past.items[0].id }));
    expect(statements.filter((sql) => sql.includes('sealed_record')).length).toBeGreaterThan(0);
    expect(statements.flatMap((sql) => fullScans(sql, ['sealed_record']))).toEqual([]);
  });

  it('the detector sees a table scan when there is one', () => {
    expect(fullScans('SELECT count(*) FROM paragraph p WHERE p.title = ?')).toEqual(['SCAN p']);
    expect(fullScans("SELECT x.id FROM action_item x WHERE x.description LIKE 'a%'")).toEqual(['SCAN x']);
  });
});
