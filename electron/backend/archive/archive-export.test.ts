import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { loadExample } from '../example/load';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';
import { editSealedDecisionAroundTriggers } from '../../../test/support/tamper';

let b: TestBackend;
afterEach(() => b.cleanup());

/** The example, sealed on 2018-01-15; with `certificate`, a local certificate is active (and unlocked) while it is sealed. */
async function example(certificate: boolean) {
  b = await testBackend('2018-01-15T09:00:00Z');
  if (certificate) await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'arkivets lösenfras' });
  loadExample(b.ctx, true);
}

const file = (target: string, row: { path: string }) => new Uint8Array(fs.readFileSync(path.join(target, row.path)));
const base64Bytes = (f: { base64: string }) => new Uint8Array(Buffer.from(f.base64, 'base64'));

describe('archive.export on the Södertälje example', () => {
  it('copies the sealed records of the period byte for byte, with the agreement in force during it; progress events', async () => {
    await example(false);
    const progress: Array<{ done: number; total: number }> = [];
    b.events.on('event', (name, payload) => name === 'progress' && progress.push(payload));
    const target = path.join(b.dir, 'arkiv');
    // a year later and with nobody able to sign: the archive needs neither
    b.clock.set('2026-12-01T10:00:00Z');
    const result = await b.call('archive.export', { from: '2017-01-01', to: '2017-12-31', target, taskId: 'arkiv-1' });
    expect(progress[0]).toMatchObject({ done: 0, total: result.documents });
    expect(progress.at(-1)).toMatchObject({ done: result.documents, total: result.documents });
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' })).toBe('');

    // the 2017–2018 agreement, signed in December 2016, is in force during 2017
    const agreements = result.index.filter((r) => r.kind === 'avtal');
    expect(agreements.map((r) => r.signers.length)).toEqual([3]);
    const versions = (await b.call('agreements.list', {}))[0].inForce;
    expect(versions).toBeNull(); // 2026: none in force today, yet the period's one is archived
    const meetings = await b.call('meetings.list', { includeCancelled: true });
    for (const row of result.index.filter((r) => r.kind === 'protokoll')) {
      const meeting = meetings.find((m) => m.date === row.date && m.protocolStatus === 'attested')!;
      if (row.paragraphs![0] !== meeting.paragraphRange![0] || row.paragraphs![1] !== meeting.paragraphRange![1]) continue; // an extract
      expect(file(target, row), row.path).toEqual(base64Bytes(await b.call('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv' })));
      expect(row.attestations.length).toBeGreaterThan(0);
    }
    expect(result.index.filter((r) => r.kind === 'protokoll').length).toBeGreaterThan(0);

    const again = await b.fail('archive.export', { from: '2010-01-01', to: '2017-12-31', target });
    expect(again).toMatchObject({ code: 'FILE_EXISTS' });
    expect(await b.call('archive.cancel', { taskId: 'no-such-task' })).toEqual({ cancelled: false });
  });

  it('carries the signatures made at sealing, dated then, never re-signed at export', async () => {
    await example(true);
    b.clock.set('2026-12-01T10:00:00Z');
    const target = path.join(b.dir, 'arkiv');
    const result = await b.call('archive.export', { from: '2010-01-01', to: '2017-12-31', target });
    const trusted = trustedCertificates(b.ctx);
    expect(result.documents).toBeGreaterThan(0);
    for (const row of result.index) {
      const report = verifyPackage(file(target, row), { trusted });
      expect(report, row.path).toMatchObject({ signed: true, valid: true });
      expect(report.signatures).toHaveLength(1);
      expect(report.signatures[0].trusted).toBe(true);
      expect(report.signatures[0].signingTime?.slice(0, 10)).toBe('2018-01-15');
    }
  });

  it('refuses the whole archive, naming the record, when a seal is broken; writes nothing', async () => {
    await example(false);
    const { label } = editSealedDecisionAroundTriggers(b.ctx);
    const target = path.join(b.dir, 'arkiv');
    const error = await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31', target });
    expect(error).toMatchObject({ code: 'SEAL_BROKEN', params: { record: expect.stringContaining(label) } });
    expect(error.message).toContain('Beslut differs from the sealed record');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('can be cancelled through the contract; nothing is left under the final name', async () => {
    await example(false);
    b.events.on('event', (name, payload) => {
      if (name === 'progress' && payload.done === 1) void b.dispatch('archive.cancel', { taskId: 'avbryt' });
    });
    const target = path.join(b.dir, 'arkiv.zip');
    const error = await b.fail('archive.export', { from: '2010-01-01', to: '2017-12-31', target, taskId: 'avbryt' });
    expect(error).toMatchObject({ code: 'INVALID_STATE', params: { reason: 'trust.errors.archive_cancelled' } });
    expect(fs.readdirSync(b.dir).filter((f) => f.includes('arkiv'))).toEqual([]);
  });
});
