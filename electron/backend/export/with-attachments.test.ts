import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { SAMPLE_PDF, SAMPLE_PNG, meetingWithItem, sha256 } from '../../../test/support/attachments';
import { auditEvents } from '../../../test/support/audit-events';

type Fixture = Awaited<ReturnType<typeof meetingWithItem>>;
const bytesOf = (file: { base64: string }) => new Uint8Array(Buffer.from(file.base64, 'base64'));

let b: TestBackend;
let f: Fixture['f'];
let meetingId: number;
let itemId: number;
let attach: Fixture['attach'];
beforeEach(async () => {
  b = await testBackend('2017-03-20T09:00:00Z');
  ({ f, meetingId, itemId, attach } = await meetingWithItem(b));
});
afterEach(() => b.cleanup());

/** The § made from the agenda item, once the protocol exists. */
async function paragraphOfItem() {
  const protocol = await b.call('protocol.create', { meetingId });
  return protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!;
}

/** Unpacks with a real `unzip` and runs `sha256sum -c` on the manifest, as a recipient would. */
function checkWithStandardTools(zip: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(b.dir, 'unzipped-'));
  fs.writeFileSync(path.join(dir, 'bundle.zip'), zip);
  const unzip = spawnSync('unzip', ['-q', 'bundle.zip', '-d', 'out'], { cwd: dir, encoding: 'utf8' });
  expect(unzip.status, unzip.stderr).toBe(0);
  const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(dir, 'out'), encoding: 'utf8' });
  expect(sums.status, sums.stderr).toBe(0);
  return sums.stdout;
}

describe('a record exported with its handlingar', () => {
  it('an attested protocol: the sealed .docx byte for byte, each handling named as its Beslutsunderlag, and SHA256SUMS', async () => {
    await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    const paragraph = await paragraphOfItem();
    await attach({ paragraphId: paragraph.id }, 'karta.png', SAMPLE_PNG);
    // the same name twice under one § stays two files
    await attach({ paragraphId: paragraph.id }, 'Åtgärdsplan.pdf', Buffer.concat([SAMPLE_PDF, Buffer.from('%2\n')]));
    await f.attestAll(meetingId, '2017-03-16');

    const plain = await b.call('meetings.exportProtocol', { meetingId, lang: 'sv' });
    expect(plain.fileName).toMatch(/\.docx$/);
    const bundle = await b.call('meetings.exportProtocol', { meetingId, lang: 'sv', withAttachments: true });
    expect(bundle.fileName).toBe(plain.fileName.replace(/\.docx$/, ' med handlingar.zip'));
    expect(bundle.sha256).toBe(sha256(bytesOf(bundle)));
    const entries = unzipSync(bytesOf(bundle));
    const n = paragraph.number;
    expect(Object.keys(entries)).toEqual([
      plain.fileName,
      `Beslutsunderlag/§ ${n} – Åtgärdsplan.pdf`,
      `Beslutsunderlag/§ ${n} – karta.png`,
      `Beslutsunderlag/§ ${n} – Åtgärdsplan (2).pdf`,
      'SHA256SUMS',
    ]);
    expect(Buffer.from(entries[plain.fileName]).equals(Buffer.from(bytesOf(plain)))).toBe(true);
    // the bytes exported are the stored ones: their hashes are the ones the sealed record names
    const sealed = JSON.parse(
      b.ctx.db.prepare("SELECT snapshot FROM sealed_record WHERE kind = 'protocol'").pluck().get() as string,
    );
    const named = sealed.paragraphs.find((p: { id: number }) => p.id === paragraph.id).attachments;
    expect([1, 2, 3].map((i) => sha256(entries[Object.keys(entries)[i]]))).toEqual(
      named.map((a: { sha256: string }) => a.sha256),
    );
    expect(Buffer.from(entries[`Beslutsunderlag/§ ${n} – Åtgärdsplan.pdf`]).equals(SAMPLE_PDF)).toBe(true);
    expect(new TextDecoder().decode(entries.SHA256SUMS)).toContain(
      `${sha256(SAMPLE_PNG)}  Beslutsunderlag/§ ${n} – karta.png\n`,
    );
    expect(checkWithStandardTools(bytesOf(bundle))).toContain(`Beslutsunderlag/§ ${n} – karta.png: OK`);

    // the export is logged with what the .zip holds
    const logged = auditEvents(b.ctx.db, "WHERE action = 'export'").at(-1)!.after!;
    expect(JSON.parse(logged)).toMatchObject({
      fileName: bundle.fileName,
      sha256: bundle.sha256,
      document: plain.fileName,
      documentSha256: plain.sha256,
      attachments: 3,
    });
  });

  it('an English translation and an extract of a § attested at once carry the same files', async () => {
    await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    const paragraph = await paragraphOfItem();
    await b.call('protocol.updateParagraph', {
      id: paragraph.id,
      fields: { title: paragraph.title, decision: 'Åtgärdsplanen antas.', finished: true },
    });
    for (const who of [f.broo.id, f.nylind.id])
      await b.call('protocol.attestParagraph', { paragraphId: paragraph.id, personId: who, date: '2017-03-14' });
    const sv = unzipSync(
      bytesOf(await b.call('meetings.exportExtract', { paragraphId: paragraph.id, lang: 'sv', withAttachments: true })),
    );
    expect(Object.keys(sv).slice(1)).toEqual([`Beslutsunderlag/§ ${paragraph.number} – Åtgärdsplan.pdf`, 'SHA256SUMS']);
    const en = await b.call('meetings.exportExtract', { paragraphId: paragraph.id, lang: 'en', withAttachments: true });
    expect(en.fileName).toMatch(/ with documents\.zip$/);
    const entries = unzipSync(bytesOf(en));
    expect(Object.keys(entries).slice(1)).toEqual([
      `Documents the decision was based on/§ ${paragraph.number} – Åtgärdsplan.pdf`,
      'SHA256SUMS',
    ]);
    expect(sha256(Object.values(entries)[1])).toBe(sha256(SAMPLE_PDF));
  });

  it('a kallelse with its handlingar under "Handlingar/Punkt N"; a draft protocol with none holds only the document', async () => {
    await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    const agenda = await b.call('agenda.list', { meetingId });
    const position = agenda.findIndex((i) => i.id === itemId) + 1;
    const kallelse = await b.call('meetings.exportAgenda', { meetingId, lang: 'sv', withAttachments: true });
    const entries = unzipSync(bytesOf(kallelse));
    expect(Object.keys(entries).slice(1)).toEqual([`Handlingar/Punkt ${position} – Åtgärdsplan.pdf`, 'SHA256SUMS']);
    checkWithStandardTools(bytesOf(kallelse));

    const other = (await f.meeting('2017-04-11')).id;
    await b.call('protocol.create', { meetingId: other });
    const draft = unzipSync(
      bytesOf(await b.call('meetings.exportProtocol', { meetingId: other, lang: 'sv', withAttachments: true })),
    );
    expect(Object.keys(draft)).toHaveLength(2);
    expect(Object.keys(draft)[1]).toBe('SHA256SUMS');
  });

  it('to a file (the command line): a .zip written whole; an existing target or an unwritable folder refused with nothing written', async () => {
    await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    await paragraphOfItem();
    await f.attestAll(meetingId, '2017-03-16');
    const target = path.join(b.dir, 'protokoll.zip');
    const input = {
      source: { kind: 'protocol' as const, meetingId },
      lang: 'sv' as const,
      withAttachments: true,
      target,
    };
    const written = await b.call('exports.toFile', input);
    expect(written).toMatchObject({ path: target, sha256: sha256(fs.readFileSync(target)) });
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(target))))).toHaveLength(3);
    const events = () => b.ctx.db.prepare("SELECT count(*) FROM audit_event WHERE action = 'export'").pluck().get();
    const before = events();

    expect(await b.fail('exports.toFile', input)).toMatchObject({ code: 'FILE_EXISTS' });
    expect(sha256(fs.readFileSync(target))).toBe(written.sha256);
    const missing = path.join(b.dir, 'finns-inte', 'protokoll.zip');
    expect(await b.fail('exports.toFile', { ...input, target: missing })).toMatchObject({ code: 'FILE_NOT_WRITABLE' });
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    expect(events()).toBe(before);
    expect(fs.readdirSync(b.dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('refuses a handling whose bytes were changed behind the triggers, naming it; and handlingar for a document that has none (a redline)', async () => {
    const pdf = await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    await paragraphOfItem();
    await f.attestAll(meetingId, '2017-03-16');
    const raw = new Database(b.ctx.dbPath);
    const trigger = raw
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'attachment_no_update'")
      .pluck()
      .get() as string;
    raw.exec('DROP TRIGGER attachment_no_update');
    const changed = Buffer.from(SAMPLE_PDF);
    changed[10] ^= 0x20;
    raw.prepare('UPDATE attachment SET content = ? WHERE id = ?').run(changed, pdf.id);
    raw.exec(trigger);
    raw.close();
    const events = () => b.ctx.db.prepare("SELECT count(*) FROM audit_event WHERE action = 'export'").pluck().get();
    const before = events();
    expect(await b.fail('meetings.exportProtocol', { meetingId, lang: 'sv', withAttachments: true })).toMatchObject({
      code: 'SEAL_BROKEN',
      params: { record: 'Åtgärdsplan.pdf' },
    });
    expect(await b.fail('attachments.open', { id: pdf.id })).toMatchObject({ code: 'SEAL_BROKEN' });
    expect(events()).toBe(before);
    // the plain record is untouched by the handling and still exported
    expect((await b.call('meetings.exportProtocol', { meetingId, lang: 'sv' })).fileName).toMatch(/\.docx$/);

    expect(
      await b.fail('exports.toFile', {
        source: { kind: 'redline', fromId: 1, toId: 2 },
        lang: 'sv',
        withAttachments: true,
        target: path.join(b.dir, 'avtal.zip'),
      }),
    ).toMatchObject({ code: 'INVALID_STATE', params: { reason: 'meetings.reasons.attachments_not_for_kind' } });
  });
});
