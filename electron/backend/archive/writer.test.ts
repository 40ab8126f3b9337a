import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Document, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { packDocx } from '../export/pack';
import { signPackage } from '../signing/opc/sign-package';
import { verifyPackage } from '../signing/opc/verify-package';
import { testCa } from '../../../test/support/test-ca';
import { archivePath, type ArchiveEntryMeta, type ArchiveSource } from './entry';
import { DATA_PREFIX, writeArchive, type WriteArchiveOptions } from './writer';
import { hasXmllint, SCHEMA_FILES, validateXml } from './schemas';
import { verifyArchive } from './verify-archive';
import { signSums } from './package-signature';
import { ARCHIVE_ENGLISH } from './problems';
import { translator } from '../../../test/support/i18n';
import type { TFunction } from 'i18next';

const NOW = new Date('2017-12-31T12:00:00Z');
const { ca, signer } = testCa(NOW);
const identity = { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] };
let dir: string;
const translate = {} as Record<'sv' | 'en', TFunction>;
beforeAll(async () => {
  translate.sv = await translator('sv');
  translate.en = await translator('en');
  // the schema checks are part of what these tests prove; .ci/run installs libxml2-utils
  if (!hasXmllint())
    throw new Error(
      'xmllint is not installed (Debian: apt-get install libxml2-utils); the archive tests validate METS and PREMIS with it',
    );
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-archive-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function meta(body: string, date: string, range: [number, number]): ArchiveEntryMeta {
  return {
    recordId: range[0],
    kind: 'protokoll',
    body,
    parties: [],
    date,
    validFrom: null,
    validTo: null,
    paragraphs: range,
    dnr: [`KS 2017/${range[0]}`],
    title: `${body} ${date} §§ ${range[0]}–${range[1]}`,
    snapshotSha256: 'a'.repeat(64),
    sealedAt: `${date}T15:00:00.000Z`,
    correctsSha256: null,
    acts: [
      {
        name: 'Boel Godner',
        role: 'ordförande',
        organisation: null,
        date,
        recordedAt: `${date}T15:00:00.000Z`,
        timeSource: 'entered by the operator',
        certificateFingerprint: null,
        recorded: 'recorded without digital signature',
      },
    ],
  };
}

function source(body: string, date: string, range: [number, number], fail = false): ArchiveSource {
  return {
    meta: meta(body, date, range),
    originalName: `Protokoll ${body} ${date}.docx`,
    signed: true,
    attachments: [],
    events: [
      {
        id: `audit-${range[0]}`,
        type: 'sealing',
        at: `${date}T15:00:00.000Z`,
        auditHash: 'b'.repeat(64),
        actor: 'sekreterare',
        person: null,
        organisation: null,
        detail: 'sealed',
      },
    ],
    async produce() {
      if (fail) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      const doc = new Document({
        sections: [
          { children: [new Paragraph({ children: [new TextRun(`${body} ${date} §§ ${range[0]}–${range[1]}`)] })] },
        ],
      });
      return signPackage(await packDocx(doc), identity, NOW);
    },
  };
}

const sources = () => [
  source('Chefssamrådet', '2017-03-14', [1, 12]),
  source('Chefssamrådet', '2017-06-13', [13, 24]),
  source('Lägesmöte polis/kommun', '2017-04-02', [1, 3]),
];
const options = (target: string, more: Partial<WriteArchiveOptions> = {}): WriteArchiveOptions => ({
  target,
  createdAt: NOW,
  period: { from: '2017-01-01', to: '2017-12-31' },
  identity,
  trusted: [ca.certificate],
  softwareVersion: '0.1.0-test',
  submitter: 'Testkommunen',
  creators: ['Testkommunen'],
  actor: 'sekreterare',
  ...more,
});
const sh = (cmd: string, cwd: string) => spawnSync('bash', ['-c', cmd], { cwd, encoding: 'utf8' });
const filesUnder = (root: string) =>
  (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();

describe('archive names', () => {
  it('are ASCII, stable, readable and never cut short', () => {
    expect(archivePath(meta('Chefssamrådet', '2017-03-14', [1, 10]))).toBe(
      '2017/chefssamradet/2017-03-14_protokoll_p1-10.docx',
    );
    expect(archivePath(meta('Lägesmöte polis/kommun', '2017-04-02', [1, 3]))).toBe(
      '2017/lagesmote_polis_kommun/2017-04-02_protokoll_p1-3.docx',
    );
    expect(archivePath({ ...meta('Chefssamrådet', '2017-12-12', [37, 37]), kind: 'protokollsutdrag' })).toBe(
      '2017/chefssamradet/2017-12-12_protokollsutdrag_p37.docx',
    );
    expect(
      archivePath({ ...meta('Chefssamrådet', '2017-06-13', [17, 17]), kind: 'rattelse', correctionDate: '2017-06-28' }),
    ).toBe('2017/chefssamradet/2017-06-13_rattelse_p17_2017-06-28.docx');
    expect(
      archivePath({
        ...meta('', '2016-12-20', [1, 1]),
        kind: 'avtal',
        body: null,
        paragraphs: null,
        validFrom: '2017-01-01',
        validTo: '2018-12-31',
      }),
    ).toBe('avtal/samverkansoverenskommelse_2017-01-01_2018-12-31.docx');
    const long =
      'Fasta lägesmöten polis, brandförsvar och kommun i Södertälje, Nykvarn och Salem med räddningstjänstens deltagande';
    expect(archivePath(meta(long, '2017-05-05', [1, 2]))).toBe(
      `2017/fasta_lagesmoten_polis_brandforsvar_och_kommun_i_sodertalje_nykvarn_och_salem_med_raddningstjanstens_deltagande/2017-05-05_protokoll_p1-2.docx`,
    );
  });
});

describe('archive package (E-ARK SIP)', () => {
  it('writes the CSIP layout; METS and PREMIS validate against the official schemas; SHA256SUMS and its CMS signature hold with standard tools', async () => {
    const target = path.join(dir, 'arkiv-2017');
    const progress: Array<[number, number]> = [];
    const result = await writeArchive(sources(), options(target, { onProgress: (d, t) => progress.push([d, t]) }));
    expect(result).toMatchObject({
      format: 'folder',
      documents: 3,
      signed: true,
      packageId: expect.stringMatching(/^uuid-[0-9a-f-]{36}$/),
    });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const files = filesUnder(target);
    expect(files).toEqual(
      expect.arrayContaining([
        'METS.xml',
        'SHA256SUMS',
        'SHA256SUMS.p7s',
        'documentation/README.txt',
        'metadata/descriptive/index.csv',
        'metadata/descriptive/index.json',
        'metadata/preservation/premis.xml',
        'representations/rep1/METS.xml',
        'representations/rep1/data/2017/chefssamradet/2017-03-14_protokoll_p1-12.docx',
        'schemas/mets.xsd',
        'schemas/premis-v3-0.xsd',
      ]),
    );
    expect(files.filter((f) => f.startsWith('documentation/certificates/'))).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^[\x21-\x7e]+$/);
    // the schemas are copied unchanged
    for (const [name, text] of Object.entries(SCHEMA_FILES))
      expect(fs.readFileSync(path.join(target, 'schemas', name), 'utf8')).toBe(text);

    for (const [file, kind] of [
      ['METS.xml', 'mets'],
      ['representations/rep1/METS.xml', 'mets'],
      ['metadata/preservation/premis.xml', 'premis'],
    ] as const) {
      expect(validateXml(new Uint8Array(fs.readFileSync(path.join(target, file))), kind), file).toEqual({
        checked: true,
        valid: true,
        errors: [],
      });
    }
    const mets = fs.readFileSync(path.join(target, 'METS.xml'), 'utf8');
    expect(mets).toContain(`OBJID="${result.packageId}"`);
    expect(mets).toContain('csip:OAISPACKAGETYPE="SIP"');
    expect(mets).toContain(
      '<mets:name>Samråd</mets:name><mets:note csip:NOTETYPE="SOFTWARE VERSION">0.1.0-test</mets:note>',
    );
    expect(mets).toContain(
      '<mets:mptr LOCTYPE="URL" xlink:type="simple" xlink:href="representations/rep1/METS.xml" xlink:title="grp-rep1"/><mets:fptr FILEID="grp-rep1"/>',
    );
    const premis = fs.readFileSync(path.join(target, 'metadata/preservation/premis.xml'), 'utf8');
    expect(premis.match(/xsi:type="premis:file"/g)).toHaveLength(3);
    expect(premis).toContain('<premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm>');
    expect(premis).toContain('<premis:formatRegistryKey>fmt/412</premis:formatRegistryKey>');
    expect(premis).toContain('<premis:eventType>sealing</premis:eventType>');
    expect(premis).toContain('<premis:eventType>creation</premis:eventType>');

    expect(sh('sha256sum -c --quiet SHA256SUMS', target)).toMatchObject({ status: 0, stdout: '' });
    // every file but the two proofs is listed
    expect(
      fs
        .readFileSync(path.join(target, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.slice(66))
        .sort(),
    ).toEqual(files.filter((f) => !f.startsWith('SHA256SUMS')));
    const cafile = path.join(dir, 'ca.pem');
    fs.writeFileSync(cafile, ca.certificate.toString());
    const cms = sh(
      `openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s -content SHA256SUMS -CAfile ${cafile} -purpose any -attime ${NOW.getTime() / 1000} -out /dev/null`,
      target,
    );
    expect(cms.stderr, cms.stderr).toContain('Verification successful');
    expect(cms.status).toBe(0);

    const index = JSON.parse(fs.readFileSync(path.join(target, 'metadata/descriptive/index.json'), 'utf8'));
    expect(index).toMatchObject({
      packageId: result.packageId,
      signed: true,
      documents: 3,
      period: { from: '2017-01-01', to: '2017-12-31' },
    });
    expect(index.entries[0]).toMatchObject({
      kind: 'protokoll',
      body: 'Chefssamrådet',
      date: '2017-03-14',
      paragraphs: [1, 12],
      dnr: ['KS 2017/1'],
      path: `${DATA_PREFIX}2017/chefssamradet/2017-03-14_protokoll_p1-12.docx`,
      acts: [{ name: 'Boel Godner', role: 'ordförande', recorded: 'recorded without digital signature' }],
      packageSignatures: [
        {
          certificateFingerprint: signer.certificate.fingerprint256,
          signingTime: '2017-12-31T12:00:00Z',
          valid: true,
          trusted: true,
        },
      ],
    });
    const csv = fs.readFileSync(path.join(target, 'metadata/descriptive/index.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFpath,kind,title,body,parties,date,valid_from,valid_to,paragraphs,dnr,acts,package_signatures,snapshot_sha256,sealed_at,corrects_sha256,sha256,bytes,attachments',
    );
    expect(csv).toContain('Lägesmöte polis/kommun');
    const doc = fs.readFileSync(path.join(target, `${DATA_PREFIX}2017/chefssamradet/2017-06-13_protokoll_p13-24.docx`));
    expect(verifyPackage(new Uint8Array(doc), { trusted: [ca.certificate] })).toMatchObject({
      signed: true,
      valid: true,
    });

    expect(verifyArchive(target, { trusted: [ca.certificate] })).toMatchObject({
      verdict: 'trusted',
      packageId: result.packageId,
    });
    expect(verifyArchive(target, { trusted: [] }).verdict).toBe('intact');
    expect(fs.readdirSync(dir).sort()).toEqual(['arkiv-2017', 'ca.pem']);
  });

  it('writes a .zip with ASCII names that Debian unzip, bsdtar and python3 -m zipfile extract identically', async () => {
    const target = path.join(dir, 'arkiv.zip');
    await writeArchive(sources(), options(target));
    const listing: string[][] = [];
    for (const [tool, cmd] of [
      ['unzip', `unzip -q ${target} -d x-unzip`],
      ['bsdtar', `mkdir x-bsdtar && bsdtar -xf ${target} -C x-bsdtar`],
      ['python', `python3 -m zipfile -e ${target} x-python`],
    ]) {
      const run = sh(cmd, dir);
      expect(run.status, `${tool}: ${run.stderr}`).toBe(0);
      const out = path.join(dir, `x-${tool}`);
      expect(sh('sha256sum -c --quiet SHA256SUMS', out), tool).toMatchObject({ status: 0, stdout: '' });
      listing.push(filesUnder(out));
      expect(verifyArchive(out, { trusted: [ca.certificate] }).verdict, tool).toBe('trusted');
    }
    expect(listing[1]).toEqual(listing[0]);
    expect(listing[2]).toEqual(listing[0]);
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(target)))).sort()).toEqual(listing[0]);
    expect(verifyArchive(target, { trusted: [ca.certificate] }).verdict).toBe('trusted');
  });

  it('an unsigned package (no certificate unlocked, the user chose it) says so in README and index, and verifies as intact, not trusted', async () => {
    const target = path.join(dir, 'arkiv');
    const result = await writeArchive(sources(), options(target, { identity: null }));
    expect(result.signed).toBe(false);
    expect(fs.existsSync(path.join(target, 'SHA256SUMS.p7s'))).toBe(false);
    expect(fs.readFileSync(path.join(target, 'documentation/README.txt'), 'utf8')).toContain(
      'PAKETET ÄR INTE SIGNERAT',
    );
    expect(JSON.parse(fs.readFileSync(path.join(target, 'metadata/descriptive/index.json'), 'utf8'))).toMatchObject({
      signed: false,
      unsignedReason: expect.stringContaining('no signing certificate'),
    });
    const report = verifyArchive(target, { trusted: [ca.certificate] });
    expect(report.verdict).toBe('intact');
    expect(report.checks.find((c) => c.name === 'package_signature')).toMatchObject({
      ok: true,
      skipped: 'the package is not signed',
    });
  });
});

describe('archive safety', () => {
  it('overwrite replaces only an earlier Samråd package; anything else is refused and left as it was', async () => {
    const target = path.join(dir, 'arkiv');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'gammal.txt'), 'x');
    await expect(writeArchive(sources(), options(target))).rejects.toMatchObject({
      code: 'FILE_EXISTS',
      params: { reason: 'signing.errors.archive_target_exists' },
    });
    await expect(writeArchive(sources(), options(target, { overwrite: true }))).rejects.toMatchObject({
      code: 'FILE_EXISTS',
      params: { reason: 'signing.errors.archive_target_not_package' },
    });
    expect(fs.readdirSync(target)).toEqual(['gammal.txt']);
    fs.rmSync(path.join(target, 'gammal.txt'));

    // an empty folder (made with the folder picker) is simply used
    const first = await writeArchive(sources(), options(target));
    const second = await writeArchive(sources(), options(target, { overwrite: true }));
    expect(second.packageId).not.toBe(first.packageId);
    expect(fs.readFileSync(path.join(target, 'METS.xml'), 'utf8')).toContain(second.packageId);

    // someone put their own notes into the old package: it is no longer only what Samråd wrote
    fs.writeFileSync(path.join(target, 'documentation', 'anteckningar.txt'), 'mina anteckningar');
    const refused = writeArchive(sources(), options(target, { overwrite: true }));
    await expect(refused).rejects.toMatchObject({
      code: 'FILE_EXISTS',
      params: { detail: 'documentation/anteckningar.txt is not part of the package' },
    });
    expect(fs.readFileSync(path.join(target, 'documentation', 'anteckningar.txt'), 'utf8')).toBe('mina anteckningar');

    const zip = path.join(dir, 'annat.zip');
    fs.writeFileSync(zip, zipSync({ 'foto.jpg': strToU8('inte ett arkiv') }));
    await expect(writeArchive(sources(), options(zip, { overwrite: true }))).rejects.toMatchObject({
      params: { reason: 'signing.errors.archive_target_not_package' },
    });
    expect(unzipSync(new Uint8Array(fs.readFileSync(zip)))).toHaveProperty('foto.jpg');
    const ours = path.join(dir, 'arkiv.zip');
    await writeArchive(sources(), options(ours));
    await writeArchive(sources(), options(ours, { overwrite: true }));
    expect(verifyArchive(ours, { trusted: [ca.certificate] }).verdict).toBe('trusted');
    expect(fs.readdirSync(dir).sort()).toEqual(['annat.zip', 'arkiv', 'arkiv.zip']);
  });

  it('temporary folders of an interrupted export are removed at the next export and reported; a running one is left alone', async () => {
    // a pid far above any kernel's pid_max cannot be running
    const stale = path.join(dir, '.arkiv.samrad-part-99999999-deadbeef');
    fs.mkdirSync(path.join(stale, 'representations'), { recursive: true });
    const staleZip = path.join(dir, '.arkiv.zip.samrad-part-99999999-cafebabe');
    fs.writeFileSync(staleZip, 'half a zip');
    const live = path.join(dir, `.annat.samrad-part-${process.pid}-0badf00d`);
    fs.mkdirSync(live);
    const result = await writeArchive(sources(), options(path.join(dir, 'arkiv')));
    expect(result.cleaned.sort()).toEqual([stale, staleZip].sort());
    expect(fs.existsSync(stale) || fs.existsSync(staleZip)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('a cancelled export leaves nothing behind', async () => {
    const controller = new AbortController();
    const target = path.join(dir, 'arkiv.zip');
    const promise = writeArchive(
      sources(),
      options(target, { signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() }),
    );
    await expect(promise).rejects.toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'signing.errors.archive_cancelled' },
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a failure half-way (full disk) leaves nothing under the final name, nor temp files', async () => {
    const target = path.join(dir, 'arkiv');
    const failing = [
      source('Chefssamrådet', '2017-03-14', [1, 12]),
      source('Chefssamrådet', '2017-06-13', [13, 24], true),
    ];
    await expect(writeArchive(failing, options(target))).rejects.toMatchObject({
      code: 'FILE_NOT_WRITABLE',
      params: { detail: 'ENOSPC' },
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('with producers running ahead (render workers), still writes and reports in source order, and a failure ahead is no unhandled rejection', async () => {
    const started: number[] = [];
    // later documents finish first, as parallel workers may
    const delayed = sources().map((s, i, all) => ({
      ...s,
      produce: async () => {
        started.push(i);
        const bytes = await s.produce();
        await new Promise((resolve) => setTimeout(resolve, (all.length - i) * 30));
        return bytes;
      },
    }));
    const progress: string[] = [];
    const result = await writeArchive(
      delayed,
      options(path.join(dir, 'arkiv'), { ahead: 2, onProgress: (_d, _t, label) => progress.push(DATA_PREFIX + label) }),
    );
    expect(started.slice(0, 3)).toEqual([0, 1, 2]);
    expect(progress).toEqual(result.index.map((r) => r.path));
    expect(result.index.map((r) => r.date)).toEqual(['2017-03-14', '2017-06-13', '2017-04-02']);

    const failingAhead = [
      source('Chefssamrådet', '2017-03-14', [1, 12]),
      source('Chefssamrådet', '2017-06-13', [13, 24], true),
    ];
    const controller = new AbortController();
    const cancelled = writeArchive(
      failingAhead,
      options(path.join(dir, 'arkiv2'), { ahead: 2, signal: controller.signal, onProgress: () => controller.abort() }),
    );
    await expect(cancelled).rejects.toMatchObject({ params: { reason: 'signing.errors.archive_cancelled' } });
  });
});

describe('verify-archive on a tampered package', () => {
  let pristine: string;
  const fresh = () => {
    const copy = path.join(dir, `kopia-${crypto.randomBytes(3).toString('hex')}`);
    fs.cpSync(pristine, copy, { recursive: true });
    return copy;
  };
  const problems = (target: string | Uint8Array) => {
    const report = verifyArchive(target, { trusted: [ca.certificate] });
    for (const c of report.checks) {
      // each English sentence has its code, and the code's translations name only values the finding carries
      expect(
        c.issues.map((i) => ARCHIVE_ENGLISH[i.code](i.params)),
        c.name,
      ).toEqual(c.problems);
      expect(c.ok, c.name).toBe(c.issues.length === 0);
      for (const issue of c.issues)
        for (const lang of ['sv', 'en'] as const) {
          const key = `signing.archiveProblems.${issue.code}`;
          const template = translate[lang](key, { interpolation: { skipOnVariables: true }, defaultValue: '' });
          expect(template, `${lang}: ${key}`).not.toMatch(/^$|^signing\./);
          for (const name of template.matchAll(/\{\{(\w+)\}\}/g))
            expect(issue.params, `${lang}: ${key}`).toHaveProperty(name[1]);
        }
    }
    return {
      verdict: report.verdict,
      problems: report.checks.flatMap((c) => c.problems.map((p) => `${c.name}: ${p}`)),
      codes: report.checks.flatMap((c) => c.issues.map((i) => i.code)),
    };
  };
  /** What a forger would do after changing a file: write SHA256SUMS anew so sha256sum -c passes again. */
  const resum = (target: string) =>
    execFileSync(
      'bash',
      ['-c', "find . -type f ! -name 'SHA256SUMS*' | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS"],
      { cwd: target },
    );
  const doc = `${DATA_PREFIX}2017/chefssamradet/2017-03-14_protokoll_p1-12.docx`;
  beforeEach(async () => {
    pristine = path.join(dir, 'arkiv');
    await writeArchive(sources(), options(pristine));
  });

  it('detects a removed, an added, a changed and a replaced file', () => {
    let t = fresh();
    fs.rmSync(path.join(t, doc));
    expect(problems(t).problems).toEqual(
      expect.arrayContaining([
        `checksums: ${doc} is listed in SHA256SUMS but missing (removed)`,
        `index: the index lists ${doc}, which is not in the package`,
      ]),
    );
    t = fresh();
    fs.writeFileSync(path.join(t, `${DATA_PREFIX}2017/chefssamradet/extra.docx`), fs.readFileSync(path.join(t, doc)));
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: expect.arrayContaining([
        `checksums: ${DATA_PREFIX}2017/chefssamradet/extra.docx is not listed in SHA256SUMS (added)`,
      ]),
    });
    t = fresh();
    const bytes = fs.readFileSync(path.join(t, doc));
    bytes[bytes.length - 30] ^= 1;
    fs.writeFileSync(path.join(t, doc), bytes);
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: expect.arrayContaining([
        `checksums: ${doc} differs from its SHA-256 in SHA256SUMS (changed or replaced)`,
      ]),
    });
    // replaced by another validly signed document, and SHA256SUMS written anew: the package signature no longer holds
    t = fresh();
    fs.copyFileSync(
      path.join(t, `${DATA_PREFIX}2017/chefssamradet/2017-06-13_protokoll_p13-24.docx`),
      path.join(t, doc),
    );
    resum(t);
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: expect.arrayContaining([
        'package_signature: SHA256SUMS differs from what was signed (message digest mismatch)',
      ]),
    });
  });

  it('detects a changed index or METS, even with SHA256SUMS redone, and a METS that breaks the schema', () => {
    let t = fresh();
    const indexFile = path.join(t, 'metadata/descriptive/index.json');
    fs.writeFileSync(indexFile, fs.readFileSync(indexFile, 'utf8').replace('Boel Godner', 'Någon Annan'));
    expect(problems(t).problems).toEqual(
      expect.arrayContaining([
        'checksums: metadata/descriptive/index.json differs from its SHA-256 in SHA256SUMS (changed or replaced)',
      ]),
    );
    resum(t);
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: expect.arrayContaining([
        'package_signature: SHA256SUMS differs from what was signed (message digest mismatch)',
        expect.stringContaining(
          'csip: METS.xml: CSIP29/71 metadata/descriptive/index.json: the checksum does not match the file',
        ),
      ]),
    });
    t = fresh();
    const metsFile = path.join(t, 'METS.xml');
    fs.writeFileSync(
      metsFile,
      fs
        .readFileSync(metsFile, 'utf8')
        .replace('<mets:structMap ID="structmap-csip"', '<mets:bogus/><mets:structMap ID="structmap-csip"'),
    );
    resum(t);
    expect(problems(t).problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schemas: METS\.xml does not validate against the METS\/CSIP\/SIP schema: .*bogus/),
      ]),
    );
  });

  it('refuses a wrong signature: another key, or the signature removed while the index says signed', () => {
    let t = fresh();
    const other = testCa(NOW, 'Falska kommunen');
    const sums = new Uint8Array(fs.readFileSync(path.join(t, 'SHA256SUMS')));
    fs.writeFileSync(
      path.join(t, 'SHA256SUMS.p7s'),
      signSums(
        sums,
        { certificate: other.signer.certificate, privateKey: other.signer.privateKey, chain: [other.ca.certificate] },
        NOW,
      ),
    );
    // intact as a signature, but by a certificate that chains to no CA we trust
    const report = verifyArchive(t, { trusted: [ca.certificate] });
    expect(report.verdict).toBe('intact');
    expect(report.packageSignature).toMatchObject({
      valid: true,
      trusted: false,
      signer: expect.stringContaining('Falska kommunen'),
    });
    // a signature value from another key under the right certificate
    const wrongKey = Buffer.from(
      signSums(
        sums,
        { certificate: signer.certificate, privateKey: other.signer.privateKey, chain: [ca.certificate] },
        NOW,
      ),
    );
    fs.writeFileSync(path.join(t, 'SHA256SUMS.p7s'), wrongKey);
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: ['package_signature: the signature value does not match the signer certificate'],
    });
    t = fresh();
    fs.rmSync(path.join(t, 'SHA256SUMS.p7s'));
    expect(problems(t)).toMatchObject({
      verdict: 'invalid',
      problems: ['package_signature: the index says the package is signed, but SHA256SUMS.p7s is missing (removed)'],
    });
    t = fresh();
    fs.writeFileSync(path.join(t, 'SHA256SUMS.p7s'), 'inte en signatur');
    expect(problems(t).problems[0]).toMatch(/^package_signature: SHA256SUMS.p7s cannot be read/);
  });

  it('refuses, as unreadable and without writing anything, a zip with a path-traversal entry, a zip bomb, a link, and what is no package', () => {
    const before = fs.readdirSync(dir).sort();
    const files = Object.fromEntries(
      filesUnder(pristine).map((f) => [f, new Uint8Array(fs.readFileSync(path.join(pristine, f)))]),
    );
    const traversal = zipSync({ ...files, '../../etc/cron.d/samrad': strToU8('* * * * * root sh') });
    expect(() => verifyArchive(traversal, { trusted: [] })).toThrow(
      expect.objectContaining({ params: { reason: 'signing.errors.unsafe_entry' } }),
    );
    const bomb = zipSync({ ...files, 'documentation/nollor.txt': [new Uint8Array(50 * 1024 * 1024), { level: 9 }] });
    expect(() => verifyArchive(bomb, { trusted: [] })).toThrow(
      expect.objectContaining({ params: { reason: 'signing.errors.zip_bomb' } }),
    );
    const t = fresh();
    fs.symlinkSync('/etc/passwd', path.join(t, 'documentation', 'losenord'));
    expect(() => verifyArchive(t, { trusted: [] })).toThrow(
      expect.objectContaining({ params: { reason: 'signing.errors.archive_unsafe_entry' } }),
    );
    expect(() => verifyArchive(zipSync({ 'foto.jpg': strToU8('x') }), { trusted: [] })).toThrow(
      expect.objectContaining({ params: { reason: 'signing.errors.archive_no_mets' } }),
    );
    expect(() => verifyArchive(path.join(dir, 'finns-inte'), { trusted: [] })).toThrow(
      expect.objectContaining({ params: { reason: 'signing.errors.archive_unreadable' } }),
    );
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => !f.startsWith('kopia-'))
        .sort(),
    ).toEqual(before);
  });
});
