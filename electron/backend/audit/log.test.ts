import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { verifyChain } from './chain';
import { write } from './log';
import { GENESIS, hashBytes, hashV2 } from './row';
import { aroundAuditGuards, auditEvents, editAuditEvent } from '../../../test/support/audit-events';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const count = (table: string) => b.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const events = () => auditEvents(b.ctx.db);

/** What someone with the file and a SQLite shell could do: lift the guard, change the log, put the guard back. */
function tamper(sql: string, ...params: unknown[]): void {
  aroundAuditGuards(b.ctx.db, () => b.ctx.db.prepare(sql).run(...params));
}

async function threeOrganisations(): Promise<number[]> {
  const ids: number[] = [];
  for (const name of ['Södertälje kommun', 'Södertälje lokalpolisområde', 'Södertörns brandförsvarsförbund']) {
    ids.push((await b.call('organisations.create', { name, kind: 'annan' })).id);
  }
  return ids;
}

describe('write()', () => {
  it('appends one chained event per recorded change, naming actor, record, time, and what changed', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    b.clock.set('2017-02-02T10:00:00Z');
    await b.call('organisations.update', {
      id: org.id,
      fields: { name: 'Södertälje kommun', kind: 'kommun', shortName: 'SK' },
    });
    const [created, updated] = events();
    expect(created).toMatchObject({
      id: 1,
      actor: 'testare',
      action: 'create',
      entity: 'organisation',
      entity_id: String(org.id),
      at: '2017-02-01T09:00:00.000Z',
      before: null,
    });
    // chained: each hash covers the one before it (the first: the genesis hash)
    expect(created.hash).toBe(hashV2({ ...created, prev_hash: GENESIS }));
    expect(JSON.parse(created.after as string)).toMatchObject({ name: 'Södertälje kommun', shortName: null });
    // the update stores only what changed, built on the creation's state
    expect(updated).toMatchObject({
      id: 2,
      action: 'update',
      at: '2017-02-02T10:00:00.000Z',
      before: null,
      after: null,
      base_id: 1,
      format: 2,
    });
    expect(updated.hash).toBe(hashV2({ ...updated, prev_hash: created.hash }));
    const delta = JSON.parse(updated.delta as string) as { b: { s?: object }; a: { s: Record<string, unknown> } };
    expect(delta.a.s.shortName).toBe('SK');
    expect(JSON.stringify(delta)).not.toContain('Södertälje kommun');
    const [history] = (await b.call('history.forRecord', { entity: 'organisation', entityId: org.id })).items;
    expect(history.before).toMatchObject({ name: 'Södertälje kommun', shortName: null });
    expect(history.after).toMatchObject({ name: 'Södertälje kommun', shortName: 'SK' });
    expect(history.changes).toEqual(expect.arrayContaining([{ field: 'shortName', before: null, after: 'SK' }]));
    expect(verifyChain(b.ctx.db)).toEqual({ ok: true, events: 2, verified: 2, checkpoint: null, brokenAt: null });
  });

  it('appends nothing when nothing was recorded', () => {
    write(b.ctx, () => 'nothing to record');
    expect(count('audit_event')).toBe(0);
  });

  it('a failed write leaves neither data nor log changed, and tells no listener', async () => {
    await b.call('organisations.create', { name: 'Befintlig', kind: 'annan' });
    const told: unknown[] = [];
    b.events.on('event', (...args) => told.push(args));
    expect(() =>
      write(b.ctx, (record) => {
        b.ctx.db
          .prepare(
            "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Ny', 'ny', 'annan', 'x', 'x')",
          )
          .run();
        record({ action: 'create', entity: 'organisation', entityId: 2, after: { name: 'Ny' } });
        throw new Error('halfway');
      }),
    ).toThrow('halfway');
    expect(count('organisation')).toBe(1);
    expect(count('audit_event')).toBe(1);
    expect(told).toEqual([]);
  });

  it('rolls back the data when the audit event itself cannot be written', () => {
    expect(() =>
      write(b.ctx, (record) => {
        b.ctx.db
          .prepare(
            "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Ny', 'ny', 'annan', 'x', 'x')",
          )
          .run();
        record({ action: 'create', entity: 'organisation', entityId: 1, after: { big: 1n } });
      }),
    ).toThrow(/BigInt/);
    expect(count('organisation')).toBe(0);
    expect(count('audit_event')).toBe(0);
  });

  it('a service refused by a rule saves nothing and logs nothing', async () => {
    const error = await b.fail('people.create', { name: 'Åsa', organisationId: 77 });
    expect(error.code).toBe('VALIDATION');
    expect(count('person')).toBe(0);
    expect(count('audit_event')).toBe(0);
  });
});

describe('the audit log is append-only', () => {
  it('refuses UPDATE and DELETE through its triggers', async () => {
    await threeOrganisations();
    expect(() => b.ctx.db.prepare("UPDATE audit_event SET actor = 'mallory' WHERE id = 1").run()).toThrow(
      'audit_log_is_append_only',
    );
    expect(() => b.ctx.db.prepare('DELETE FROM audit_event WHERE id = 3').run()).toThrow('audit_log_is_append_only');
    expect(events().map((e) => e.actor)).toEqual(['testare', 'testare', 'testare']);
    expect(verifyChain(b.ctx.db).ok).toBe(true);
  });
});

describe('verifyChain finds tampering and names the first broken event', () => {
  it('an edited row (triggers dropped, row changed, triggers recreated)', async () => {
    await threeOrganisations();
    tamper("UPDATE audit_event SET actor = 'mallory' WHERE id = 2");
    expect(verifyChain(b.ctx.db)).toEqual({ ok: false, events: 3, verified: 2, checkpoint: null, brokenAt: 2 });
  });

  it('an edited row whose own hash was recomputed still breaks the link to the next one', async () => {
    await threeOrganisations();
    editAuditEvent(b.ctx.db, 1, (row) => {
      const edited = { ...row, after: row.after!.replace('Södertälje kommun', 'Nykvarns kommun') };
      return { ...edited, hash: hashV2({ ...edited, prev_hash: GENESIS }) };
    });
    // the edited event verifies on its own; the next one's hash covered the old one
    expect(verifyChain(b.ctx.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('a deleted row in the middle', async () => {
    await threeOrganisations();
    tamper('DELETE FROM audit_event WHERE id = 2');
    expect(verifyChain(b.ctx.db)).toEqual({ ok: false, events: 2, verified: 2, checkpoint: null, brokenAt: 3 });
  });

  it('a forged row appended with a made-up hash', async () => {
    await threeOrganisations();
    b.ctx.db
      .prepare(
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, hash, format) VALUES (?, 'mallory', 'delete', 'organisation', '1', ?, 2)",
      )
      .run('2017-02-01T09:00:00.000Z', hashBytes('e'.repeat(64)));
    expect(verifyChain(b.ctx.db)).toEqual({ ok: false, events: 4, verified: 4, checkpoint: null, brokenAt: 4 });
  });

  it('a forged row slipped in between two real ones', async () => {
    await threeOrganisations();
    tamper('UPDATE audit_event SET id = id + 10 WHERE id >= 2');
    b.ctx.db
      .prepare(
        "INSERT INTO audit_event (id, at, actor, action, entity, entity_id, hash, format) VALUES (2, ?, 'mallory', 'create', 'organisation', '9', ?, 2)",
      )
      .run('2017-02-01T09:00:00.000Z', hashBytes('d'.repeat(64)));
    expect(verifyChain(b.ctx.db).brokenAt).toBe(2);
  });

  it('an empty log verifies', () => {
    expect(verifyChain(b.ctx.db)).toEqual({ ok: true, events: 0, verified: 0, checkpoint: null, brokenAt: null });
  });
});
