import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { SAMPLE_PDF, SAMPLE_PNG, meetingWithItem, sha256 } from '../../../test/support/attachments';
import { hasXmllint, validateXml } from './schemas';
import { verifyArchive } from './verify-archive';
import { DATA_PREFIX } from './writer';

let b: TestBackend;
let out: string;
let number: number;
beforeEach(async () => {
  b = await testBackend('2017-03-20T09:00:00Z');
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-archive-att-'));
  const { f, meetingId, itemId, attach } = await meetingWithItem(b);
  await attach({ agendaItemId: itemId }, 'Åtgärdsplan fordonsbränder.pdf', SAMPLE_PDF);
  await attach({ agendaItemId: itemId }, 'karta.png', SAMPLE_PNG);
  number = (await b.call('protocol.create', { meetingId })).paragraphs.find(
    (p) => p.title === 'Fordonsbränder',
  )!.number;
  await f.attestAll(meetingId, '2017-03-16');
});
afterEach(() => {
  b.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

const exportArchive = (target: string) =>
  b.call('archive.export', { from: '2017-01-01', to: '2017-12-31', target, allowUnsigned: true });

describe('handlingar in the archive package', () => {
  it('beside their record under data/, in METS with checksums, in PREMIS as parts of the record; the package validates', async () => {
    const target = path.join(out, 'arkiv');
    const result = await exportArchive(target);
    const [row] = result.index;
    const record = `${DATA_PREFIX}2017/chefssamradet/2017-03-14_protokoll_p1-${row.paragraphs![1]}`;
    expect(row.path).toBe(`${record}.docx`);
    expect(row.attachments).toEqual([
      {
        path: `${record}_handlingar/p${number}_atgardsplan_fordonsbrander.pdf`,
        paragraph: number,
        fileName: 'Åtgärdsplan fordonsbränder.pdf',
        mediaType: 'application/pdf',
        sha256: sha256(SAMPLE_PDF),
        bytes: SAMPLE_PDF.length,
      },
      {
        path: `${record}_handlingar/p${number}_karta.png`,
        paragraph: number,
        fileName: 'karta.png',
        mediaType: 'image/png',
        sha256: sha256(SAMPLE_PNG),
        bytes: SAMPLE_PNG.length,
      },
    ]);
    // the stored bytes, as the sealed protocol names them
    const sealed = JSON.parse(
      b.ctx.db.prepare("SELECT snapshot FROM sealed_record WHERE kind = 'protocol'").pluck().get() as string,
    );
    const named = sealed.paragraphs.flatMap((p: { attachments?: Array<{ sha256: string }> }) => p.attachments ?? []);
    for (const [i, a] of row.attachments.entries()) {
      expect(sha256(fs.readFileSync(path.join(target, a.path)))).toBe(named[i].sha256);
    }
    expect(fs.readFileSync(path.join(target, row.attachments[0].path)).equals(SAMPLE_PDF)).toBe(true);
    const index = JSON.parse(fs.readFileSync(path.join(target, 'metadata/descriptive/index.json'), 'utf8'));
    expect(index.entries[0].attachments).toEqual(row.attachments);
    // index.csv: the same files in a last column, the record's own columns unchanged before it
    const csv = fs.readFileSync(path.join(target, 'metadata/descriptive/index.csv'), 'utf8').split('\r\n');
    expect(csv[0].split(',').slice(-3)).toEqual(['sha256', 'bytes', 'attachments']);
    expect(csv[1]).toMatch(new RegExp(`^${row.path},protokoll,`));
    expect(
      csv[1].endsWith(
        `,${row.sha256},${row.bytes},"Åtgärdsplan fordonsbränder.pdf (§ ${number}, ${row.attachments[0].path}) | karta.png (§ ${number}, ${row.attachments[1].path})"`,
      ),
    ).toBe(true);

    // METS: each file in the representation's fileSec with its type and SHA-256
    const mets = fs.readFileSync(path.join(target, 'representations/rep1/METS.xml'), 'utf8');
    const href = row.attachments[0].path.slice('representations/rep1/'.length);
    const element = mets.split('\n').find((l) => l.includes(`xlink:href="${href}"`));
    expect(element).toContain('MIMETYPE="application/pdf"');
    expect(element).toContain(`CHECKSUM="${sha256(SAMPLE_PDF).toUpperCase()}"`);
    expect(element).toContain('CHECKSUMTYPE="SHA-256"');
    // PREMIS: objects with fixity and their original names, related to the record both ways
    const premis = fs.readFileSync(path.join(target, 'metadata/preservation/premis.xml'), 'utf8');
    const object = (p: string) =>
      premis
        .split('\n')
        .find((l) => l.startsWith('<premis:object') && l.includes(`<premis:objectIdentifierValue>${p}<`))!;
    expect(object(row.path)).toContain(
      `<premis:relationshipSubType>has part</premis:relationshipSubType><premis:relatedObjectIdentifier><premis:relatedObjectIdentifierType>local</premis:relatedObjectIdentifierType><premis:relatedObjectIdentifierValue>${row.attachments[1].path}</premis:relatedObjectIdentifierValue>`,
    );
    const pdf = object(row.attachments[0].path);
    expect(pdf).toContain(`<premis:messageDigest>${sha256(SAMPLE_PDF)}</premis:messageDigest>`);
    expect(pdf).toContain('<premis:originalName>Åtgärdsplan fordonsbränder.pdf</premis:originalName>');
    expect(pdf).toContain(
      `<premis:relationshipSubType>is part of</premis:relationshipSubType><premis:relatedObjectIdentifier><premis:relatedObjectIdentifierType>local</premis:relatedObjectIdentifierType><premis:relatedObjectIdentifierValue>${row.path}</premis:relatedObjectIdentifierValue>`,
    );

    // offline: the schemas, sha256sum -c, and the package's own verification
    expect(hasXmllint(), 'xmllint is needed (Debian: libxml2-utils)').toBe(true);
    for (const [file, kind] of [
      ['METS.xml', 'mets'],
      ['representations/rep1/METS.xml', 'mets'],
      ['metadata/preservation/premis.xml', 'premis'],
    ] as const)
      expect(validateXml(new Uint8Array(fs.readFileSync(path.join(target, file))), kind), file).toEqual({
        checked: true,
        valid: true,
        errors: [],
      });
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' })).toMatchObject({
      status: 0,
      stdout: '',
    });
    const report = verifyArchive(target, { trusted: [] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.verdict).toBe('intact');
    // the handlingar are files of the record, not Word documents to verify as records
    expect(report.documents.map((d) => d.path)).toEqual([row.path]);
  });

  it('verify-archive re-hashes the handlingar: a changed one is named', async () => {
    const target = path.join(out, 'arkiv');
    const [row] = (await exportArchive(target)).index;
    const file = path.join(target, row.attachments[1].path);
    const changed = fs.readFileSync(file);
    changed[changed.length - 1] ^= 0xff;
    fs.writeFileSync(file, changed);
    const report = verifyArchive(target, { trusted: [] });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.find((c) => c.name === 'checksums')!.problems).toEqual([
      `${row.attachments[1].path} differs from its SHA-256 in SHA256SUMS (changed or replaced)`,
    ]);
    expect(report.checks.find((c) => c.name === 'index')!.problems).toEqual([
      `the index's SHA-256 or size of ${row.attachments[1].path} does not match the file`,
    ]);
  });

  it('refuses the whole archive, naming the file, when a handling was changed behind the triggers; writes nothing', async () => {
    const trigger = b.ctx.db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'attachment_no_update'")
      .pluck()
      .get() as string;
    b.ctx.db.exec('DROP TRIGGER attachment_no_update');
    const other = Buffer.from(SAMPLE_PDF);
    other[12] ^= 0x20;
    b.ctx.db
      .prepare("UPDATE attachment SET content = ?, sha256 = ? WHERE file_name = 'Åtgärdsplan fordonsbränder.pdf'")
      .run(other, sha256(other));
    b.ctx.db.exec(trigger);
    const target = path.join(out, 'arkiv.zip');
    const error = await b.fail('archive.export', { from: '2017-01-01', to: '2017-12-31', target, allowUnsigned: true });
    expect(error.code).toBe('SEAL_BROKEN');
    expect(error.message).toContain('Beslutsunderlag differs from the sealed record');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
