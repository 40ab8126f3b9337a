import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { loadExample } from '../example/load';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2018-01-15T09:00:00Z');
  loadExample(b.ctx, false);
});
afterEach(() => b.cleanup());

describe('archive.export on the Södertälje example', () => {
  it('refuses before writing anything when no certificate can sign', async () => {
    const error = await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31', target: path.join(b.dir, 'arkiv') });
    expect(error).toMatchObject({ code: 'INVALID_STATE', params: { reason: 'trust.errors.no_certificate' } });
    expect(fs.existsSync(path.join(b.dir, 'arkiv'))).toBe(false);
  });

  it('writes every attested protocol and signed agreement version, signed, with progress events', async () => {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'arkivets lösenfras' });
    const progress: Array<{ done: number; total: number }> = [];
    b.events.on('event', (name, payload) => name === 'progress' && progress.push(payload));
    const target = path.join(b.dir, 'arkiv');
    const result = await b.call('archive.export', { from: '2010-01-01', to: '2017-12-31', target, taskId: 'arkiv-1' });
    expect(result.documents).toBeGreaterThan(0);
    expect(result.index.some((r) => r.kind === 'protokoll')).toBe(true);
    expect(result.index.some((r) => r.kind === 'avtal')).toBe(true);
    expect(progress[0]).toMatchObject({ done: 0, total: result.documents });
    expect(progress.at(-1)).toMatchObject({ done: result.documents, total: result.documents });
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' })).toBe('');
    const trusted = trustedCertificates(b.ctx);
    for (const row of result.index) {
      const report = verifyPackage(new Uint8Array(fs.readFileSync(path.join(target, row.path))), { trusted });
      expect(report, row.path).toMatchObject({ signed: true, valid: true });
      expect(report.signatures[0].trusted).toBe(true);
    }
    const protocol = result.index.find((r) => r.kind === 'protokoll')!;
    expect(protocol.path).toMatch(/^2017\/Chefssamradet\/2017-\d\d-\d\d_protokoll_§§\d+-\d+\.docx$/);
    expect(protocol.attestations.length).toBeGreaterThan(0);

    const again = await b.fail('archive.export', { from: '2010-01-01', to: '2017-12-31', target });
    expect(again).toMatchObject({ code: 'FILE_EXISTS' });
    expect(await b.call('archive.cancel', { taskId: 'no-such-task' })).toEqual({ cancelled: false });
  });

  it('can be cancelled through the contract; nothing is left under the final name', async () => {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'arkivets lösenfras' });
    b.events.on('event', (name, payload) => {
      if (name === 'progress' && payload.done === 1) void b.dispatch('archive.cancel', { taskId: 'avbryt' });
    });
    const target = path.join(b.dir, 'arkiv.zip');
    const error = await b.fail('archive.export', { from: '2010-01-01', to: '2017-12-31', target, taskId: 'avbryt' });
    expect(error).toMatchObject({ code: 'INVALID_STATE', params: { reason: 'trust.errors.archive_cancelled' } });
    expect(fs.readdirSync(b.dir).filter((f) => f.includes('arkiv'))).toEqual([]);
  });
});
