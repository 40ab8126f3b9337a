import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { packDocx } from '../export/pack';
import { signPackage } from '../signing/opc/sign-package';
import { verifyPackage } from '../signing/opc/verify-package';
import { testCa } from '../signing/testing/test-ca';
import { archivePath, type ArchiveSource } from './entry';
import { writeArchive } from './writer';

const NOW = new Date('2017-12-31T12:00:00Z');
const { ca, signer } = testCa(NOW);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-archive-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function source(body: string, date: string, range: [number, number], fail = false): ArchiveSource {
  return {
    meta: { kind: 'protokoll', body, date, paragraphs: range, dnr: [`KS 2017/${range[0]}`], signers: [], attestations: ['Boel Godner (ordförande, 2017-03-20)', 'Per Jonsson (justerare, 2017-03-21)'] },
    async produce() {
      if (fail) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(`${body} ${date} §§ ${range[0]}–${range[1]}`)] })] }] });
      return signPackage(await packDocx(doc), { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] }, NOW);
    },
  };
}

const sources = () => [source('Chefssamrådet', '2017-03-14', [1, 12]), source('Chefssamrådet', '2017-06-13', [13, 24]), source('Lägesmöte polis/kommun', '2017-04-02', [1, 3])];

describe('archive writer', () => {
  it('names documents predictably', () => {
    expect(archivePath(sources()[0].meta)).toBe('2017/Chefssamradet/2017-03-14_protokoll_§§1-12.docx');
    expect(archivePath(sources()[2].meta)).toBe('2017/Lagesmote polis_kommun/2017-04-02_protokoll_§§1-3.docx');
    expect(archivePath({ kind: 'avtal', body: 'Samverkansöverenskommelse Södertälje', date: '2016-12-20', paragraphs: null, dnr: [], signers: [], attestations: [], version: 2 }))
      .toBe('2016/Avtal/2016-12-20_avtal_Samverkansoverenskommelse_Sodertalje_v2.docx');
  });

  it('writes a folder with signed documents, index.json, index.csv and SHA256SUMS that sha256sum -c accepts', async () => {
    const target = path.join(dir, 'arkiv-2017');
    const progress: Array<[number, number]> = [];
    const result = await writeArchive(sources(), { target, createdAt: NOW, onProgress: (d, t) => progress.push([d, t]) });
    expect(result).toMatchObject({ format: 'folder', documents: 3 });
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' });
    expect(check.trim().split('\n')).toHaveLength(5);
    expect(check).not.toMatch(/FAILED/);
    const index = JSON.parse(fs.readFileSync(path.join(target, 'index.json'), 'utf8'));
    expect(index.entries[0]).toMatchObject({ kind: 'protokoll', body: 'Chefssamrådet', date: '2017-03-14', paragraphs: [1, 12], dnr: ['KS 2017/1'], path: '2017/Chefssamradet/2017-03-14_protokoll_§§1-12.docx' });
    const csv = fs.readFileSync(path.join(target, 'index.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFpath,kind,body,date,paragraphs,dnr,signers,attestations,sha256');
    expect(csv).toContain('Lägesmöte polis/kommun');
    const doc = fs.readFileSync(path.join(target, '2017/Chefssamradet/2017-06-13_protokoll_§§13-24.docx'));
    expect(verifyPackage(new Uint8Array(doc), { trusted: [ca.certificate] })).toMatchObject({ signed: true, valid: true });
    expect(fs.readdirSync(dir)).toEqual(['arkiv-2017']);
  });

  it('writes a .zip the same way', async () => {
    const target = path.join(dir, 'arkiv.zip');
    await writeArchive(sources(), { target, createdAt: NOW });
    const files = unzipSync(new Uint8Array(fs.readFileSync(target)));
    expect(Object.keys(files).sort()).toEqual(['2017/Chefssamradet/2017-03-14_protokoll_§§1-12.docx', '2017/Chefssamradet/2017-06-13_protokoll_§§13-24.docx', '2017/Lagesmote polis_kommun/2017-04-02_protokoll_§§1-3.docx', 'SHA256SUMS', 'index.csv', 'index.json']);
    // Python's zipfile honours the UTF-8 name flag (Debian's unzip 6.0 mangles §)
    execFileSync('python3', ['-m', 'zipfile', '-e', target, path.join(dir, 'x')]);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(dir, 'x'), encoding: 'utf8' })).not.toMatch(/FAILED/);
    expect(strFromU8(files['SHA256SUMS'])).toMatch(/^[0-9a-f]{64} {2}2017\/Chefssamradet\/2017-03-14_protokoll_§§1-12\.docx$/m);
  });

  it('never overwrites without the flag; with it, replaces the old archive only when the new one is complete', async () => {
    const target = path.join(dir, 'arkiv');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'gammal.txt'), 'x');
    await expect(writeArchive(sources(), { target, createdAt: NOW })).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(fs.readdirSync(target)).toEqual(['gammal.txt']);
    await writeArchive(sources(), { target, createdAt: NOW, overwrite: true });
    expect(fs.readdirSync(target).sort()).toEqual(['2017', 'SHA256SUMS', 'index.csv', 'index.json']);
    expect(fs.readdirSync(dir)).toEqual(['arkiv']);
  });

  it('a cancelled export leaves nothing behind', async () => {
    const controller = new AbortController();
    const target = path.join(dir, 'arkiv.zip');
    const promise = writeArchive(sources(), { target, createdAt: NOW, signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() });
    await expect(promise).rejects.toMatchObject({ code: 'INVALID_STATE', params: { reason: 'trust.errors.archive_cancelled' } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a failure half-way (full disk) leaves nothing under the final name, nor temp files', async () => {
    const target = path.join(dir, 'arkiv');
    const failing = [source('Chefssamrådet', '2017-03-14', [1, 12]), source('Chefssamrådet', '2017-06-13', [13, 24], true)];
    await expect(writeArchive(failing, { target, createdAt: NOW })).rejects.toMatchObject({ code: 'FILE_NOT_WRITABLE', params: { detail: 'ENOSPC' } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('with producers running ahead (render workers), still writes and reports in source order, and a failure ahead is no unhandled rejection', async () => {
    const started: number[] = [];
    // later documents finish first, as parallel workers may
    const delayed = sources().map((s, i, all) => ({
      meta: s.meta,
      produce: async () => {
        started.push(i);
        const bytes = await s.produce();
        await new Promise((resolve) => setTimeout(resolve, (all.length - i) * 30));
        return bytes;
      },
    }));
    const progress: string[] = [];
    const result = await writeArchive(delayed, { target: path.join(dir, 'arkiv'), createdAt: NOW, ahead: 2, onProgress: (_d, _t, label) => progress.push(label) });
    expect(started.slice(0, 3)).toEqual([0, 1, 2]);
    expect(progress).toEqual(result.index.map((r) => r.path));
    expect(result.index.map((r) => r.date)).toEqual(['2017-03-14', '2017-06-13', '2017-04-02']);

    const failingAhead = [source('Chefssamrådet', '2017-03-14', [1, 12]), source('Chefssamrådet', '2017-06-13', [13, 24], true)];
    const controller = new AbortController();
    const cancelled = writeArchive(failingAhead, { target: path.join(dir, 'arkiv2'), createdAt: NOW, ahead: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ params: { reason: 'trust.errors.archive_cancelled' } });
  });
});
