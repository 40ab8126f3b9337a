import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { editorFields, generateThroughContract, writeAndAttestProtocols } from '../../../bench/generate';
import { fullPassAndCheckpoint } from '../audit/chain';
import { checkDatabase, describeCheck } from '../db/check';
import { SEAL_SAMPLE } from './verify-seal';

/**
 * `samrad check` re-checks the seals of the records sealed since the audit checkpoint and a
 * random sample of the older ones; `--full` all of them. On a generated database whose held
 * protocols are attested (bench/generate.ts): 40 records before the checkpoint, one after.
 */
let b: TestBackend;
const TODAY = '2026-12-01';
let before: number[];
let after: number;

beforeAll(async () => {
  b = await testBackend(`${TODAY}T08:00:00Z`);
  await generateThroughContract(b.dispatch, { paragraphs: 1000, today: TODAY });
  await writeAndAttestProtocols({ dispatch: b.dispatch, clock: b.clock }, { today: TODAY });
  before = b.ctx.db.prepare('SELECT id FROM sealed_record ORDER BY id').pluck().all() as number[];
  b.clock.set(`${TODAY}T09:00:00Z`);
  await fullPassAndCheckpoint(b.ctx.db, b.clock);
  // then one more protocol is attested, the newest of the first body
  b.clock.set(`${TODAY}T10:00:00Z`);
  const meetingId = b.ctx.db
    .prepare("SELECT meeting_id FROM protocol WHERE status = 'draft' ORDER BY meeting_id LIMIT 1")
    .pluck()
    .get() as number;
  for (const p of (await b.call('protocol.get', { meetingId }))!.paragraphs)
    await b.call('protocol.updateParagraph', { id: p.id, fields: { ...editorFields(p), finished: true } });
  await b.call('protocol.submit', { meetingId });
  for (const attester of (await b.call('protocol.get', { meetingId }))!.pendingAttesters)
    await b.call('protocol.attest', { meetingId, personId: attester.personId, date: TODAY, place: 'Stadshuset' });
  after = b.ctx.db.prepare('SELECT max(id) FROM sealed_record').pluck().get() as number;
}, 900_000);
afterAll(() => b.cleanup());

/** Replaces a record's sealed bytes behind the service, as someone editing the file would. */
function tamper(id: number) {
  b.ctx.db.exec('DROP TRIGGER IF EXISTS sealed_record_no_update');
  b.ctx.db.prepare("UPDATE sealed_record SET document = x'504b0304' WHERE id = ?").run(id);
}

describe('samrad check: seals from the checkpoint', () => {
  it('re-checks the records sealed since the checkpoint and a sample of the older ones, and says so', async () => {
    expect(before.length).toBeGreaterThan(SEAL_SAMPLE);
    expect(after).toBeGreaterThan(Math.max(...before));
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report.seals).toMatchObject({
      ok: true,
      records: before.length + 1,
      checked: 1 + SEAL_SAMPLE,
      sampled: SEAL_SAMPLE,
      since: `${TODAY}T09:00:00.000Z`,
    });
    expect(describeCheck(report).join('\n')).toMatch(
      /Seals:\s+ok \(41 records; re-checked 1 sealed since the checkpoint of 2026-12-01T09:00:00.000Z and 20 older ones sampled at random; "--full" re-checks all\)/,
    );
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath, { full: true })).seals).toMatchObject({
      ok: true,
      checked: before.length + 1,
      sampled: 0,
      since: null,
    });
  });

  it('finds a change to a record sealed after the checkpoint at once; --full finds one before it too', async () => {
    tamper(after);
    const incremental = (await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals;
    expect(incremental).toMatchObject({ ok: false });
    tamper(before[3]);
    const full = (await checkDatabase(b.ctx.db, b.ctx.dbPath, { full: true })).seals;
    expect('problems' in full && full.problems.filter((p) => p.code === 'document_hash')).toHaveLength(2);
  });
});
