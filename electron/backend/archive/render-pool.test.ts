import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { loadExample } from '../example/load';
import { verifyPackage } from '../signing/opc/verify-package';
import { testCa } from '../signing/testing/test-ca';
import { renderSigned } from './render-job';
import { MIN_DOCUMENTS_FOR_WORKERS, renderWorkerCount, startRenderPool, type RenderPool } from './render-pool';
import { archiveDocuments } from './sources';

const NOW = new Date('2018-01-15T09:00:00Z');
const { ca, signer } = testCa(NOW);
const identity = { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] };

let b: TestBackend;
let pool: RenderPool | null = null;
beforeEach(async () => {
  b = await testBackend(NOW.toISOString());
  loadExample(b.ctx, false);
});
afterEach(async () => {
  await pool?.close();
  pool = null;
  b.cleanup();
});

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']);
const jobs = () => archiveDocuments(b.ctx, { from: '2010-01-01', to: '2017-12-31', includeAgreements: true, lang: 'sv' }).map((d) => d.job);

describe('render workers for the archive', () => {
  it('start only for an archive large enough, one per core up to four', () => {
    expect(renderWorkerCount(MIN_DOCUMENTS_FOR_WORKERS - 1, 8)).toBe(0);
    expect(renderWorkerCount(1000, 1)).toBe(0);
    expect(renderWorkerCount(1000, 2)).toBe(2);
    expect(renderWorkerCount(1000, 16)).toBe(4);
  });

  it('render and sign in worker threads exactly what the backend renders itself', async () => {
    const all = jobs();
    expect(all.map((j) => j.kind)).toEqual(expect.arrayContaining(['protocol', 'agreement']));
    pool = startRenderPool(b.ctx, identity, 2);
    expect(pool.size).toBe(2);
    const fromWorkers = await Promise.all(all.map((job) => pool!.render(job)));
    for (const [i, job] of all.entries()) {
      const report = verifyPackage(fromWorkers[i], { trusted: [ca.certificate] });
      expect(report, JSON.stringify(job)).toMatchObject({ signed: true, valid: true });
      expect(report.signatures[0].signingTime).toBe(NOW.toISOString().replace('.000', ''));
      expect(documentXml(fromWorkers[i])).toBe(documentXml(await renderSigned(b.ctx, job, identity)));
    }
  });

  it("pass a worker's translated error back unchanged", async () => {
    pool = startRenderPool(b.ctx, identity, 1);
    await expect(pool.render({ kind: 'protocol', meetingId: 999_999, lang: 'sv' })).rejects.toMatchObject({ name: 'AppError', code: 'NOT_FOUND' });
  });

  it('fall back to rendering in the backend when no worker can start', async () => {
    const broken = path.join(b.dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "throw new Error('no worker threads here');\n");
    pool = startRenderPool(b.ctx, identity, 2, broken);
    const [job] = jobs();
    const bytes = await pool.render(job);
    expect(verifyPackage(bytes, { trusted: [ca.certificate] })).toMatchObject({ signed: true, valid: true });
    expect(pool.size).toBe(0);
  });

  it('reject work still waiting when the pool is closed (a cancelled export)', async () => {
    pool = startRenderPool(b.ctx, identity, 1);
    const waiting = Promise.allSettled(jobs().map((job) => pool!.render(job)));
    await pool.close();
    const settled = await waiting;
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
  });
});
