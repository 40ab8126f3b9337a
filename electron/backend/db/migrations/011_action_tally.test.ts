import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, migrateTo } from '../../../../test/support/db';
import { twoBodiesWithParagraphs } from '../../../../test/support/raw-actions';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { editorFields, generateThroughContract, type GeneratedFacts } from '../../../../bench/generate';
import { random } from '../../../../bench/swedish-text';
import type { ActionItem } from '../../../../shared/contract/meetings';

const VERSION = 11;

/** The counters as stored, without the rows that dropped to zero. */
const stored = (db: Database.Database) =>
  db
    .prepare(
      'SELECT body_id, priority_id, status, n FROM action_tally WHERE n > 0 ORDER BY body_id, priority_id, status',
    )
    .all();
/** The same counted by hand from the actions themselves. */
const byHand = (db: Database.Database) =>
  db
    .prepare(
      `SELECT p.body_id, coalesce(x.effective_priority_id, 0) AS priority_id, x.status, count(*) AS n
       FROM action_item x JOIN paragraph p ON p.id = x.paragraph_id
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();

describe('migration 011_action_tally: counts existing actions and keeps the counts in step (SQL)', () => {
  let t: ReturnType<typeof rawDb>;
  let s: ReturnType<typeof twoBodiesWithParagraphs>;

  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    s = twoBodiesWithParagraphs(t.db);
  });
  afterEach(() => t.cleanup());

  it('counts the actions already there', () => {
    s.action(s.paragraphs[0], null);
    s.action(s.paragraphs[0], s.priorities[1], true);
    s.action(s.paragraphs[1], null, true);
    s.action(s.paragraphs[1], null);
    s.action(s.paragraphs[1], s.priorities[0]);
    migrateTo(t.db, VERSION);
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(stored(t.db)).toEqual(byHand(t.db));
    expect(stored(t.db)).toHaveLength(5);
  });

  it('follows inserts, status and priority changes, a § moving body, and deletions', () => {
    migrate(t.db, migrations);
    const a = s.action(s.paragraphs[0], null);
    const b = s.action(s.paragraphs[1], s.priorities[1]);
    const c = s.action(s.paragraphs[1], null, true);
    expect(stored(t.db)).toEqual(byHand(t.db));
    t.db.prepare("UPDATE action_item SET status = 'done', done_on = '2017-04-01' WHERE id = ?").run(a);
    t.db.prepare('UPDATE action_item SET priority_id = ? WHERE id = ?').run(s.priorities[0], b);
    // the §'s priority is inherited by its actions without one of their own
    t.db.prepare('UPDATE paragraph SET priority_id = ? WHERE id = ?').run(s.priorities[1], s.paragraphs[1]);
    expect(stored(t.db)).toEqual(byHand(t.db));
    t.db
      .prepare(
        'UPDATE paragraph SET meeting_id = (SELECT meeting_id FROM paragraph WHERE id = ?), body_id = ?, number = 2 WHERE id = ?',
      )
      .run(s.paragraphs[0], s.bodies[0], s.paragraphs[1]);
    expect(stored(t.db)).toEqual(byHand(t.db));
    t.db.prepare('DELETE FROM action_item WHERE id IN (?, ?)').run(b, c);
    expect(stored(t.db)).toEqual(byHand(t.db));
    // a failed insert counts nothing
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO action_item (paragraph_id, description, owner_organisation_id, created_at, updated_at) VALUES (?, ' ', ?, 'x', 'x')",
        )
        .run(s.paragraphs[0], s.org),
    ).toThrow();
    expect(stored(t.db)).toEqual(byHand(t.db));
  });

  it('refuses a count below zero', () => {
    migrate(t.db, migrations);
    s.action(s.paragraphs[0], null);
    expect(() => t.db.prepare('UPDATE action_tally SET n = n - 2').run()).toThrow(/CHECK/);
  });
});

describe('migration 011_action_tally: on a generated database, after many changes through the contract', () => {
  let b: TestBackend;
  let facts: GeneratedFacts;
  const TODAY = '2026-12-01';

  beforeAll(async () => {
    b = await testBackend(`${TODAY}T09:00:00Z`);
    facts = await generateThroughContract(b.dispatch, { paragraphs: 400, today: TODAY });
  }, 600_000);
  afterAll(() => b.cleanup());

  async function everyAction(): Promise<ActionItem[]> {
    const rows: ActionItem[] = [];
    for (let after: string | null = null; ;) {
      const page: { items: ActionItem[]; next: string | null } = await b.call('actions.list', { limit: 500, after });
      rows.push(...page.items);
      if (page.next === null) return rows;
      after = page.next;
    }
  }

  it('the counters and actions.stats equal counting by hand', async () => {
    expect(stored(b.ctx.db)).toEqual(byHand(b.ctx.db));
    const r = random(11);
    const pickOf = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const paragraphs = b.ctx.db.prepare('SELECT id FROM paragraph ORDER BY id').pluck().all() as number[];
    const org = b.ctx.db.prepare('SELECT id FROM organisation ORDER BY id LIMIT 1').pluck().get() as number;
    for (let i = 0; i < 150; i++) {
      const actions = await everyAction();
      const target = pickOf(actions);
      const choice = i % 5;
      if (choice === 0)
        await b.call('actions.add', {
          paragraphId: pickOf(paragraphs),
          fields: {
            description: `Uppföljning ${i}`,
            ownerOrganisationId: org,
            ownerPersonId: null,
            dueDate: r() < 0.5 ? '2026-06-30' : r() < 0.5 ? '2027-06-30' : null,
            priorityId: r() < 0.5 ? pickOf(facts.priorityIds) : null,
          },
        });
      else if (choice === 1)
        await b.call('actions.setStatus', {
          id: target.id,
          status: target.status === 'done' ? 'open' : 'done',
          doneOn: target.status === 'done' ? null : TODAY,
        });
      else if (choice === 2)
        await b.call('actions.update', {
          id: target.id,
          fields: {
            description: target.description,
            ownerOrganisationId: target.ownerOrganisationId,
            ownerPersonId: target.ownerPersonId,
            dueDate: target.dueDate,
            priorityId: r() < 0.3 ? null : pickOf(facts.priorityIds),
          },
        });
      else if (choice === 3) await b.call('actions.remove', { id: target.id });
      else {
        const protocol = await b.call('protocol.get', { meetingId: target.meetingId });
        const p = protocol!.paragraphs.find((x) => x.id === target.paragraphId)!;
        await b.call('protocol.updateParagraph', {
          id: p.id,
          fields: { ...editorFields(p), priorityId: r() < 0.3 ? null : pickOf(facts.priorityIds) },
        });
      }
    }
    expect(stored(b.ctx.db)).toEqual(byHand(b.ctx.db));

    // and the stats built on them, per priority area and per body, against the actions one by one
    const all = await everyAction();
    const keyOf = b.ctx.db.prepare('SELECT key FROM agreement_priority WHERE id = ?').pluck();
    const count = (rows: ActionItem[]) => {
      const out = new Map<string | null, { open: number; overdue: number; done: number }>();
      for (const a of rows) {
        const key = a.priorityId === null ? null : (keyOf.get(a.priorityId) as string);
        const entry = out.get(key) ?? { open: 0, overdue: 0, done: 0 };
        if (a.status === 'done') entry.done++;
        else if (a.overdue) entry.overdue++;
        else entry.open++;
        out.set(key, entry);
      }
      return out;
    };
    const asMap = (stats: Array<{ priorityId: number | null; open: number; overdue: number; done: number }>) =>
      new Map(
        stats.map((s) => [
          s.priorityId === null ? null : (keyOf.get(s.priorityId) as string),
          { open: s.open, overdue: s.overdue, done: s.done },
        ]),
      );
    expect(asMap(await b.call('actions.stats', {}))).toEqual(count(all));
    for (const body of facts.bodyIds.slice(0, 3))
      expect(asMap(await b.call('actions.stats', { bodyId: body }))).toEqual(
        count(all.filter((a) => a.bodyId === body)),
      );
  }, 600_000);
});
