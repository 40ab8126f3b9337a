import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { loadExample } from '../example/load';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';
import { editSealedDecisionAroundTriggers } from '../../../test/support/tamper';
import { runCli } from '../cli/main';
import { DATA_PREFIX } from './writer';

let b: TestBackend;
let out: string;
afterEach(() => {
  b.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

/** The example, sealed on 2018-01-15; with `certificate`, a local certificate is active (and unlocked) while it is sealed. Archives go to `out`, outside the database's folder. */
async function example(certificate: boolean) {
  b = await testBackend('2018-01-15T09:00:00Z');
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-archive-out-'));
  if (certificate)
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'arkivets lösenfras' });
  loadExample(b.ctx, true);
}

const file = (target: string, row: { path: string }) => new Uint8Array(fs.readFileSync(path.join(target, row.path)));
const base64Bytes = (f: { base64: string }) => new Uint8Array(Buffer.from(f.base64, 'base64'));
const sh = (cmd: string, cwd: string) => spawnSync('bash', ['-c', cmd], { cwd, encoding: 'utf8' });

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await runCli(argv, { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) });
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

describe('archive.export on the Södertälje example', () => {
  it('2017: the sealed records byte for byte, the agreement in force (signed in 2016), ASCII names, the index per document, drafts left out with why', async () => {
    await example(false);
    const progress: Array<{ done: number; total: number }> = [];
    b.events.on('event', (name, payload) => name === 'progress' && progress.push(payload));
    const target = path.join(out, 'arkiv');
    // a year later and with nobody able to sign: the user must choose an unsigned package
    b.clock.set('2026-12-01T10:00:00Z');
    const request = { from: '2017-01-01', to: '2017-12-31', target, taskId: 'arkiv-1' };
    expect(await b.fail('archive.export', request)).toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'signing.errors.archive_unsigned' },
    });
    expect(fs.existsSync(target)).toBe(false);
    const result = await b.call('archive.export', { ...request, allowUnsigned: true });
    expect(result.signed).toBe(false);
    expect(progress[0]).toMatchObject({ done: 0, total: result.documents });
    expect(progress.at(-1)).toMatchObject({ done: result.documents, total: result.documents });
    // "Why": after Debian's unzip as after a folder copy, sha256sum -c holds: every name is ASCII
    expect(sh('sha256sum -c --quiet SHA256SUMS', target)).toMatchObject({ status: 0, stdout: '' });
    expect(result.index.map((r) => r.path)).toEqual([
      `${DATA_PREFIX}avtal/samverkansoverenskommelse_2017-01-01_2018-12-31.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-03-14_protokoll_p1-10.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-06-13_protokoll_p11-20.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-06-13_rattelse_p17_2017-06-28.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-09-12_protokoll_p21-30.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-12-12_protokollsutdrag_p37.docx`,
      `${DATA_PREFIX}2017/chefssamradet/2017-12-12_protokoll_p31-39.docx`,
    ]);

    // the 2017–2018 agreement, signed in December 2016, is in force during 2017; body is not its name; parties are all three
    const [agreement] = result.index.filter((r) => r.kind === 'avtal');
    expect(agreement).toMatchObject({
      body: null,
      date: '2016-12-20',
      validFrom: '2017-01-01',
      validTo: '2018-12-31',
      title: 'Samverkansöverenskommelse 2017–2018',
      parties: ['Södertälje kommun', 'Södertälje lokalpolisområde', 'Södertörns brandförsvarsförbund'],
    });
    expect(agreement.acts).toHaveLength(3);
    for (const act of agreement.acts)
      expect(act).toMatchObject({
        role: 'undertecknare',
        recorded: 'recorded without digital signature',
        certificateFingerprint: null,
        timeSource: 'entered by the operator',
      });
    expect((await b.call('agreements.list', {})).items[0].inForce).toBeNull(); // 2026: none in force today, yet the period's one is archived

    const meetings = (await b.call('meetings.list', { includeCancelled: true })).items;
    for (const row of result.index.filter((r) => r.kind === 'protokoll')) {
      const meeting = meetings.find((m) => m.date === row.date && m.protocolStatus === 'attested')!;
      expect(file(target, row), row.path).toEqual(
        base64Bytes(await b.call('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv' })),
      );
      // "Why": the index names every attester with role, time and how it was recorded; the seal's hash; the file's hash and size
      expect(row.acts.length).toBeGreaterThan(0);
      for (const act of row.acts)
        expect(act).toMatchObject({
          name: expect.any(String),
          role: expect.stringMatching(/ordförande|justerare/),
          date: expect.stringMatching(/^2017-/),
          recordedAt: expect.any(String),
          recorded: 'recorded without digital signature',
        });
      expect(row).toMatchObject({
        body: 'Chefssamrådet',
        snapshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        bytes: file(target, row).length,
        title: expect.stringContaining('Chefssamrådet 2017-'),
      });
      expect(row.dnr.length).toBeGreaterThan(0);
    }
    const [correction] = result.index.filter((r) => r.kind === 'rattelse');
    expect(correction.correctsSha256).toBe(
      result.index.find((r) => r.path.endsWith('2017-06-13_protokoll_p11-20.docx'))!.sha256,
    );

    // PREMIS has the acts from the audit chain
    const premis = fs.readFileSync(path.join(target, 'metadata/preservation/premis.xml'), 'utf8');
    for (const type of ['sealing', 'attestation', 'signing', 'correction', 'creation'])
      expect(premis, type).toContain(`<premis:eventType>${type}</premis:eventType>`);
    expect(premis).toContain('<premis:agentName>Camilla Broo</premis:agentName>');
    expect(premis).toContain('<premis:agentName>Södertörns brandförsvarsförbund</premis:agentName>');
    const readme = fs.readFileSync(path.join(target, 'documentation/README.txt'), 'utf8');
    expect(readme).toContain('PAKETET ÄR INTE SIGNERAT');
    expect(readme).toContain('THE PACKAGE IS NOT SIGNED');

    // the CLI: intact but not trusted (unsigned) is exit 3
    expect(await cli('verify-archive', target, '--db', b.ctx.dbPath)).toMatchObject({
      code: 3,
      out: expect.stringContaining('INTACT BUT NOT TRUSTED'),
    });

    const again = await b.fail('archive.export', { ...request, allowUnsigned: true, from: '2010-01-01' });
    expect(again).toMatchObject({ code: 'FILE_EXISTS' });
    expect(await b.call('archive.cancel', { taskId: 'no-such-task' })).toEqual({ cancelled: false });
  });

  it('lists drafts and records not yet sealed as left out, with why', async () => {
    await example(false);
    const body = (await b.call('bodies.list', {})).items[0];
    await b.call('meetings.create', {
      bodyId: body.id,
      date: '2017-11-07',
      startTime: '09:00',
      endTime: '10:00',
    } as never);
    const result = await b.call('archive.export', {
      from: '2017-01-01',
      to: '2017-12-31',
      target: path.join(out, 'a.zip'),
      allowUnsigned: true,
    });
    expect(result.leftOut).toEqual(
      expect.arrayContaining([{ kind: 'protocol', label: `${body.name} 2017-11-07`, why: 'protocol_not_attested' }]),
    );
    expect(result.leftOut.every((l) => !result.index.some((r) => r.title.startsWith(l.label)))).toBe(true);
  });

  it('signed: the documents carry the signatures made at sealing (never re-signed), the index names each, SHA256SUMS is signed; the README steps run as written; verify-archive exit 0', async () => {
    await example(true);
    // a year later, the certificate still valid (it runs three years): the package is signed now, the documents were at sealing
    b.clock.set('2019-01-15T10:00:00Z');
    const target = path.join(out, 'arkiv');
    const result = await b.call('archive.export', { from: '2010-01-01', to: '2017-12-31', target });
    expect(result.signed).toBe(true);
    const trusted = trustedCertificates(b.ctx);
    expect(result.documents).toBeGreaterThan(0);
    for (const row of result.index) {
      const report = verifyPackage(file(target, row), { trusted });
      expect(report, row.path).toMatchObject({ signed: true, valid: true });
      expect(report.signatures).toHaveLength(1);
      expect(report.signatures[0].trusted).toBe(true);
      expect(report.signatures[0].signingTime?.slice(0, 10)).toBe('2018-01-15');
      expect(row.packageSignatures).toEqual([
        expect.objectContaining({
          certificateFingerprint: report.signatures[0].certificate!.fingerprint,
          signingTime: report.signatures[0].signingTime,
          valid: true,
          trusted: true,
        }),
      ]);
    }
    // the CA certificate is in the package
    const certs = fs.readdirSync(path.join(target, 'documentation/certificates'));
    expect(certs.some((c) => c.startsWith('ca-'))).toBe(true);

    // every manual step of the README, run as written (in a private temp folder instead of /tmp)
    const readme = fs.readFileSync(path.join(target, 'documentation/README.txt'), 'utf8');
    const english = readme.slice(readme.indexOf('=== ENGLISH ==='));
    const steps = english
      .split('\n')
      .filter((l) => /^ {7}\S/.test(l) && !l.trim().startsWith('samrad '))
      .map((l) => l.trim().replace(/\/tmp\//g, `${out}/`));
    expect(steps.map((s) => s.split(' ')[0])).toEqual([
      'sha256sum',
      'find',
      'cut',
      'cat',
      'openssl',
      'openssl',
      'XML_CATALOG_FILES=schemas/catalog.xml',
      'xmllint',
    ]);
    for (const step of steps) {
      const run = sh(step, target);
      expect(run.status, `${step}\n${run.stdout}${run.stderr}`).toBe(0);
      if (step.startsWith('cut')) expect(run.stdout, step).toBe('');
      if (step.startsWith('sha256sum')) expect(run.stdout, step).not.toContain('FAILED');
    }
    expect(await cli('verify-archive', target, '--db', b.ctx.dbPath)).toMatchObject({
      code: 0,
      out: expect.stringContaining('VALID AND TRUSTED'),
    });
    // without the database that trusts the local CA: intact, not trusted
    expect((await cli('verify-archive', target, '--db', path.join(out, 'ingen.sqlite'))).code).toBe(3);
    expect(await b.call('archive.verify', { path: target })).toMatchObject({ verdict: 'trusted' });

    fs.writeFileSync(path.join(target, 'documentation/README.txt'), 'ändrad');
    expect(await cli('verify-archive', target, '--db', b.ctx.dbPath)).toMatchObject({
      code: 1,
      out: expect.stringContaining('documentation/README.txt differs'),
    });
    expect(await cli('verify-archive', path.join(out, 'finns-inte.zip'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('Cannot read'),
    });
  });

  it('download (browser mode): the .zip comes back as bytes, identical in content to a package on disk; nothing stays in the temp folder', async () => {
    await example(true);
    b.clock.set('2019-01-15T10:00:00Z');
    // what a download killed midway leaves: removed by the next one, and reported
    const killed = path.join(os.tmpdir(), `samrad-archive-download-99999999-${Math.random().toString(36).slice(2, 8)}`);
    fs.mkdirSync(killed);
    fs.writeFileSync(path.join(killed, 'arkiv_2017-01-01_2017-12-31.zip'), 'halv');
    const before = fs
      .readdirSync(os.tmpdir())
      .filter((f) => f.startsWith('samrad-archive-download-') && !f.includes('99999999'));
    const result = await b.call('archive.export', { from: '2017-01-01', to: '2017-12-31', download: true });
    // (another test file's download running at the same time may be the one that removed it)
    expect(fs.existsSync(killed)).toBe(false);
    for (const c of result.cleaned) expect(c).toMatch(/samrad-archive-download-\d+-/);
    expect(result.download?.fileName).toBe('arkiv_2017-01-01_2017-12-31.zip');
    const zip = path.join(out, result.download!.fileName);
    fs.writeFileSync(zip, Buffer.from(result.download!.base64, 'base64'));
    expect(await b.call('archive.verify', { fileBase64: result.download!.base64 })).toMatchObject({
      verdict: 'trusted',
      packageId: result.packageId,
      files: expect.any(Number),
    });
    expect(sh(`unzip -q ${zip} -d x && cd x && sha256sum -c --quiet SHA256SUMS`, out)).toMatchObject({
      status: 0,
      stdout: '',
    });
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('samrad-archive-download-'))).toEqual(before);
    expect(
      (await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31', download: true, target: zip })).fields,
    ).toEqual({ target: 'signing.validation.archive_target_or_download' });
    expect((await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31' })).fields).toEqual({
      target: 'signing.validation.archive_target_or_download',
    });
  });

  it('samrad export archive: refused without a certificate unless --unsigned, --no-corrections leaves out the rättelse; verify-archive on the .zip (3), without a package (2)', async () => {
    await example(false);
    const zip = path.join(out, 'arkiv.zip');
    const refused = await cli(
      'export',
      'archive',
      '--from',
      '2017-01-01',
      '--to',
      '2017-12-31',
      '--out',
      zip,
      '--db',
      b.ctx.dbPath,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('No signing certificate is unlocked');
    expect(fs.existsSync(zip)).toBe(false);
    const written = await cli(
      'export',
      'archive',
      '--from',
      '2017-01-01',
      '--to',
      '2017-12-31',
      '--out',
      zip,
      '--unsigned',
      '--no-corrections',
      '--db',
      b.ctx.dbPath,
    );
    expect(written).toMatchObject({ code: 0, out: expect.stringContaining('UNSIGNED: no certificate was unlocked') });
    expect(written.out).toMatch(/E-ARK SIP uuid-[0-9a-f-]{36}, 6 documents/);
    expect(sh(`unzip -l ${zip}`, out).stdout).not.toContain('rattelse');
    expect(await cli('verify-archive', zip, '--db', b.ctx.dbPath)).toMatchObject({ code: 3 });
    expect((await cli('verify-archive', '--db', b.ctx.dbPath)).code).toBe(2);
  });

  it('bad input: end before start, a target in the database folder or inside an earlier package; nothing is written', async () => {
    await example(false);
    const base = { from: '2017-01-01', to: '2017-12-31', allowUnsigned: true };
    expect(
      (await b.fail('archive.export', { ...base, from: '2017-12-31', to: '2017-01-01', target: path.join(out, 'x') }))
        .code,
    ).toBe('VALIDATION');
    expect((await b.fail('archive.export', { ...base, target: path.join(b.dir, 'arkiv') })).fields).toEqual({
      target: 'signing.validation.archive_in_database_folder',
    });
    expect(fs.readdirSync(b.dir).filter((f) => f.includes('arkiv'))).toEqual([]);
    await b.call('archive.export', { ...base, target: path.join(out, 'arkiv') });
    const nested = path.join(out, 'arkiv', 'documentation', 'inuti');
    expect((await b.fail('archive.export', { ...base, target: nested })).fields).toEqual({
      target: 'signing.validation.archive_inside_package',
    });
    expect(fs.existsSync(nested)).toBe(false);
    expect((await b.fail('archive.verify', {})).fields).toEqual({ path: 'signing.validation.archive_path_or_file' });
  });

  it('refuses the whole archive, naming the record, when a seal is broken; writes nothing', async () => {
    await example(false);
    const { label } = editSealedDecisionAroundTriggers(b.ctx);
    const target = path.join(out, 'arkiv');
    const error = await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31', target, allowUnsigned: true });
    expect(error).toMatchObject({ code: 'SEAL_BROKEN', params: { record: expect.stringContaining(label) } });
    expect(error.message).toContain('Beslut differs from the sealed record');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('can be cancelled through the contract; nothing is left under the final name', async () => {
    await example(false);
    b.events.on('event', (name, payload) => {
      if (name === 'progress' && payload.done === 1) void b.dispatch('archive.cancel', { taskId: 'avbryt' });
    });
    const target = path.join(out, 'arkiv.zip');
    const error = await b.fail('archive.export', {
      from: '2010-01-01',
      to: '2017-12-31',
      target,
      taskId: 'avbryt',
      allowUnsigned: true,
    });
    expect(error).toMatchObject({ code: 'INVALID_STATE', params: { reason: 'signing.errors.archive_cancelled' } });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
