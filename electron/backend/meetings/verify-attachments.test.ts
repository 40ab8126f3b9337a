import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { SAMPLE_PDF, SAMPLE_PNG, base64, meetingWithItem, sha256 } from '../../../test/support/attachments';
import { checkDatabase, describeCheck } from '../db/check';
import { openForInspection } from '../db/inspect';

let b: TestBackend;
let f: Awaited<ReturnType<typeof meetingWithItem>>['f'];
let attachmentId: number;
let number: number;
beforeEach(async () => {
  b = await testBackend('2017-03-20T09:00:00Z');
  const setup = await meetingWithItem(b);
  f = setup.f;
  const { meetingId, itemId, attach } = setup;
  attachmentId = (await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF)).id;
  await attach({ agendaItemId: itemId }, 'karta.png', SAMPLE_PNG);
  const protocol = await b.call('protocol.create', { meetingId });
  number = protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!.number;
  await f.attestAll(meetingId, '2017-03-16');
});
afterEach(() => b.cleanup());

/** What someone with the file and another SQLite program can do: drop the trigger, write, put the trigger back. */
function writeBehindTheTriggers(sql: string, ...params: unknown[]): void {
  const raw = new Database(b.ctx.dbPath);
  const trigger = raw
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'attachment_no_update'")
    .pluck()
    .get() as string;
  raw.exec('DROP TRIGGER attachment_no_update');
  raw.prepare(sql).run(...params);
  raw.exec(trigger);
  raw.close();
}

/** `samrad check` on the file as it is on disk, read-only. */
async function check(options = { full: false }) {
  const db = openForInspection(b.ctx.dbPath);
  try {
    return await checkDatabase(db, b.ctx.dbPath, options);
  } finally {
    db.close();
  }
}

describe('samrad check re-hashes every handling', () => {
  it('passes the files as attached and sealed', async () => {
    const report = await check();
    expect(report.attachments).toEqual({ ok: true, files: 2, checked: 2, problems: [] });
    expect(report.ok).toBe(true);
    expect(describeCheck(report).join('\n')).toMatch(/Handlingar:\s+ok \(2 files\)/);
  });

  it('names the meeting, the § and the file whose bytes were changed behind the triggers', async () => {
    // the same length, so the size CHECK still holds; only the hash can tell
    const changed = Buffer.from(SAMPLE_PDF);
    changed[changed.length - 2] ^= 0xff;
    writeBehindTheTriggers('UPDATE attachment SET content = ? WHERE id = ?', changed, attachmentId);
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.attachments).toEqual({
      ok: false,
      files: 2,
      checked: 2,
      problems: [
        `Chefssamrådet 2017-03-14 § ${number}, Åtgärdsplan.pdf (handling ${attachmentId}): the file's content does not match its stored SHA-256 ${sha256(SAMPLE_PDF)} (it hashes to ${sha256(changed)})`,
      ],
    });
    expect(describeCheck(report).join('\n')).toContain(`Handlingar:`);
    expect(describeCheck(report).join('\n')).toContain(`§ ${number}, Åtgärdsplan.pdf`);
  });

  it('finds bytes replaced together with their stored hash by the hash the sealed protocol names', async () => {
    const other = Buffer.from(SAMPLE_PDF);
    other[other.length - 2] ^= 0xff;
    writeBehindTheTriggers(
      'UPDATE attachment SET content = ?, sha256 = ? WHERE id = ?',
      other,
      sha256(other),
      attachmentId,
    );
    const report = await check();
    expect(report.attachments.ok).toBe(false);
    expect((report.attachments as { problems: string[] }).problems).toEqual([
      `Chefssamrådet 2017-03-14 § ${number}, Åtgärdsplan.pdf (handling ${attachmentId}): the file's content is not the one the sealed protocol names (SHA-256 ${sha256(SAMPLE_PDF)})`,
    ]);
    // the seal check says the same of the § from its side
    expect(report.seals.ok).toBe(false);
  });

  it('incrementally re-hashes the newest and a sample, finding a change to the newest; --full finds one to the oldest', async () => {
    // 60 more files on the next meeting, attested, so its sealed protocol names each of them
    const meetingId = (await f.meeting('2017-03-16')).id;
    const itemId = (
      await b.call('agenda.add', { meetingId, fields: { kind: 'decision', title: 'Brandsyn', dnr: 'KS 2017/140' } })
    ).id;
    let newest = 0;
    for (let i = 0; i < 60; i++)
      newest = (
        await b.call('attachments.add', {
          target: { agendaItemId: itemId },
          fileName: `Underlag ${i}.pdf`,
          fileBase64: base64(Buffer.concat([SAMPLE_PDF, Buffer.from(`% ${i}\n`)])),
        })
      ).id;
    await b.call('protocol.create', { meetingId });
    await f.attestAll(meetingId, '2017-03-17');
    expect((await check()).attachments).toEqual({ ok: true, files: 62, checked: 50, problems: [] });

    // the newest file's bytes and stored hash replaced: only its sealed protocol still knows
    const [stored] = b.ctx.db.prepare('SELECT content FROM attachment WHERE id = ?').pluck().all(newest) as Buffer[];
    const other = Buffer.from(stored);
    other[other.length - 2] ^= 0xff;
    writeBehindTheTriggers('UPDATE attachment SET content = ?, sha256 = ? WHERE id = ?', other, sha256(other), newest);
    const incremental = (await check()).attachments as { checked: number; problems: string[] };
    expect(incremental.problems).toEqual([
      expect.stringContaining(`(handling ${newest}): the file's content is not the one the sealed protocol names`),
    ]);

    // the oldest may or may not be in the random sample; --full re-hashes every file
    const changed = Buffer.from(SAMPLE_PDF);
    changed[changed.length - 2] ^= 0xff;
    writeBehindTheTriggers('UPDATE attachment SET content = ? WHERE id = ?', changed, attachmentId);
    const full = (await check({ full: true })).attachments as { files: number; checked: number; problems: string[] };
    expect(full.checked).toBe(62);
    expect(full.problems).toEqual([
      expect.stringContaining(`(handling ${attachmentId}): the file's content does not match its stored SHA-256`),
      expect.stringContaining(`(handling ${newest}): the file's content is not the one the sealed protocol names`),
    ]);
    expect(describeCheck(await check()).join('\n')).toMatch(
      /Handlingar:\s+FAILED \(62 files; 50 of them re-hashed, the newest and a random sample; "--full" re-hashes all\)/,
    );
  });
});
