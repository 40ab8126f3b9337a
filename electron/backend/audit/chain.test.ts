import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { checkDatabase } from '../db/check';
import { startMaintenance } from '../db/maintenance';
import { fullPassAndCheckpoint, verifyChain, verifyChainIncrementally } from './chain';
import { GENESIS, hashV2, type AuditRow } from './row';
import { aroundAuditGuards, auditEvents, editAuditEvent, rewriteAuditEvent } from '../../../test/support/audit-events';
import { COALESCE_WINDOW_MS } from './log';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const db = () => b.ctx.db;
const eventCount = () => db().prepare('SELECT count(*) FROM audit_event').pluck().get() as number;

async function organisations(names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) ids.push((await b.call('organisations.create', { name, kind: 'annan' })).id);
  return ids;
}

const tamper = (work: () => void) => aroundAuditGuards(db(), work);

/** The careful forger: changes an event and recomputes its hash and every later hash. */
function rechain(fromId: number, change: (row: AuditRow) => AuditRow): void {
  tamper(() => {
    let prev = auditEvents(db(), `WHERE id < ${fromId}`).at(-1)?.hash ?? GENESIS;
    for (const [i, original] of auditEvents(db(), `WHERE id >= ${fromId}`).entries()) {
      const row = i === 0 ? change(original) : original;
      row.hash = hashV2({ ...row, prev_hash: prev });
      rewriteAuditEvent(db(), row);
      prev = row.hash;
    }
  });
}

describe('the checkpoint', () => {
  it('is written by a full pass; the incremental check then re-hashes only the events after it', async () => {
    await organisations(['Södertälje kommun', 'Södertälje lokalpolisområde', 'Södertörns brandförsvarsförbund']);
    expect(await fullPassAndCheckpoint(db(), b.clock, { stepSize: 2 })).toEqual({ ok: true, brokenAt: null });
    expect(verifyChainIncrementally(db())).toEqual({ ok: true, events: 3, verified: 0, checkpoint: 3, brokenAt: null });
    await organisations(['Nykvarns kommun', 'Salems kommun']);
    expect(verifyChainIncrementally(db())).toEqual({ ok: true, events: 5, verified: 2, checkpoint: 3, brokenAt: null });
    expect(verifyChain(db())).toMatchObject({ ok: true, verified: 5 });
    // the report of `samrad check`, and with --full
    expect((await checkDatabase(db(), b.ctx.dbPath)).auditChain).toMatchObject({
      ok: true,
      verified: 2,
      checkpoint: 3,
    });
    expect((await checkDatabase(db(), b.ctx.dbPath, { full: true })).auditChain).toMatchObject({
      ok: true,
      verified: 5,
    });
    // a second pass moves it on; checkpoints are append-only and never go back
    await fullPassAndCheckpoint(db(), b.clock);
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: true, verified: 0, checkpoint: 5 });
    expect(() => db().prepare('UPDATE audit_checkpoint SET events = 0').run()).toThrow('audit_log_is_append_only');
    expect(() => db().prepare('DELETE FROM audit_checkpoint').run()).toThrow('audit_log_is_append_only');
  });

  it("is written by the app's background maintenance after start, once the integrity check passed", async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun']);
    await startMaintenance(b.ctx, { delayMs: 0, backupEveryMs: 0 }).done;
    expect(db().prepare('SELECT last_event_id, events, broken_at FROM audit_checkpoint').all()).toEqual([
      { last_event_id: 2, events: 2, broken_at: null },
    ]);
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: true, verified: 0, checkpoint: 2 });
  });

  it('a change after the checkpoint is found by the incremental check', async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun']);
    await fullPassAndCheckpoint(db(), b.clock);
    await organisations(['Salems kommun', 'Botkyrka kommun']);
    editAuditEvent(db(), 3, (row) => ({ ...row, after: row.after!.replace('Salems', 'Sales') }));
    expect(verifyChainIncrementally(db())).toEqual({ ok: false, events: 4, verified: 1, checkpoint: 2, brokenAt: 3 });
  });

  it('a change before the checkpoint whose hashes were all recomputed is found by the incremental check', async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun', 'Salems kommun']);
    await fullPassAndCheckpoint(db(), b.clock);
    await organisations(['Botkyrka kommun']);
    rechain(2, (row) => ({ ...row, after: row.after!.replace('Nykvarns', 'Nykvarn') }));
    expect(verifyChain(db()).ok).toBe(true); // a consistent forgery: only the checkpoint tells
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: false, checkpoint: 3, brokenAt: 3 });
  });

  it('an event removed before the checkpoint is found by the incremental check', async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun', 'Salems kommun']);
    await fullPassAndCheckpoint(db(), b.clock);
    tamper(() => db().prepare('DELETE FROM audit_event WHERE id = 2').run());
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('a change before the checkpoint that left its hash stale: found by --full and by the next full pass, whose verdict the incremental check keeps reporting', async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun', 'Salems kommun']);
    await fullPassAndCheckpoint(db(), b.clock);
    editAuditEvent(db(), 2, (row) => ({ ...row, after: row.after!.replace('Nykvarns', 'Nykvarn') }));
    // the limit of the incremental check, as documented in chain.ts: it does not re-hash what lies before its checkpoint
    expect(verifyChainIncrementally(db()).ok).toBe(true);
    expect((await checkDatabase(db(), b.ctx.dbPath, { full: true })).auditChain).toMatchObject({
      ok: false,
      brokenAt: 2,
    });
    expect(await fullPassAndCheckpoint(db(), b.clock)).toEqual({ ok: false, brokenAt: 2 });
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: false, brokenAt: 2 });
    await organisations(['Botkyrka kommun']);
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('a forged or edited checkpoint fails the incremental check', async () => {
    await organisations(['Södertälje kommun', 'Nykvarns kommun']);
    await fullPassAndCheckpoint(db(), b.clock);
    tamper(() => db().prepare('UPDATE audit_checkpoint SET events = 1, last_event_id = 1').run());
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: false });
  });

  it('an autosave does not amend an event a checkpoint covers: it starts a new one', async () => {
    const [id] = await organisations(['Södertälje kommun']);
    const update = (shortName: string) =>
      b.call('organisations.update', { id, fields: { name: 'Södertälje kommun', kind: 'annan', shortName } });
    await update('S');
    b.clock.set(new Date(b.clock.now().getTime() + 1_000).toISOString());
    await update('SK');
    const coalesced = eventCount();
    await fullPassAndCheckpoint(db(), b.clock);
    b.clock.set(new Date(b.clock.now().getTime() + COALESCE_WINDOW_MS / 2).toISOString());
    await update('SKo');
    expect(eventCount()).toBe(coalesced + 1);
    expect(verifyChainIncrementally(db())).toMatchObject({ ok: true, verified: 1 });
  });
});
