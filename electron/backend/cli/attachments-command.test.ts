import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { SAMPLE_PDF, SAMPLE_PNG, meetingWithItem, sha256 } from '../../../test/support/attachments';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/contract/attachments';
import { runCli } from './main';

let b: TestBackend;
let f: Awaited<ReturnType<typeof meetingWithItem>>['f'];
let meetingId: number;
let itemId: number;
beforeEach(async () => {
  b = await testBackend('2017-03-20T09:00:00Z');
  ({ f, meetingId, itemId } = await meetingWithItem(b));
});
afterEach(() => b.cleanup());

/** `samrad …` in this process, against the test's database file, through its own backend and dispatcher. */
async function samrad(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', b.ctx.dbPath], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const file = (name: string, bytes: Uint8Array) => {
  const at = path.join(b.dir, name);
  fs.writeFileSync(at, bytes);
  return at;
};

describe('samrad attachments', () => {
  it('add, list (table and --json), get and remove, through the contract', async () => {
    const added = await samrad(
      'attachments',
      'add',
      file('Åtgärdsplan.pdf', SAMPLE_PDF),
      '--agenda-item',
      String(itemId),
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    const [kept] = await b.call('attachments.list', { meetingId });
    expect(added.out).toBe(
      `Attached: handling ${kept.id} Åtgärdsplan.pdf (application/pdf, sha256 ${sha256(SAMPLE_PDF)})`,
    );
    const protocol = await b.call('protocol.create', { meetingId });
    const paragraph = protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!;
    expect(
      (await samrad('attachments', 'add', file('karta.png', SAMPLE_PNG), '--paragraph', String(paragraph.id))).code,
    ).toBe(0);

    const table = await samrad('attachments', 'list', '--meeting', String(meetingId));
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^id\s+agenda item\s+§ id\s+file\s+type\s+bytes\s+sha256\s+attested$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      [
        String(kept.id),
        String(itemId),
        String(paragraph.id),
        'Åtgärdsplan.pdf',
        'application/pdf',
        String(SAMPLE_PDF.length),
        sha256(SAMPLE_PDF),
      ],
      [
        String(kept.id + 1),
        String(paragraph.id),
        'karta.png',
        'image/png',
        String(SAMPLE_PNG.length),
        sha256(SAMPLE_PNG),
      ],
    ]);
    const json = JSON.parse((await samrad('attachments', 'list', '--meeting', String(meetingId), '--json')).out);
    expect(json).toEqual(await b.call('attachments.list', { meetingId }));

    const out = path.join(b.dir, 'ut.pdf');
    expect(await samrad('attachments', 'get', String(kept.id), '--out', out)).toMatchObject({
      code: 0,
      out: `Written: ${out} (Åtgärdsplan.pdf, sha256 ${sha256(SAMPLE_PDF)})`,
    });
    expect(fs.readFileSync(out).equals(SAMPLE_PDF)).toBe(true);
    fs.writeFileSync(out, 'mitt eget');
    const refused = await samrad('attachments', 'get', String(kept.id), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('already exists; choose another name or add --overwrite');
    expect(fs.readFileSync(out, 'utf8')).toBe('mitt eget');
    expect((await samrad('attachments', 'get', String(kept.id), '--out', out, '--overwrite')).code).toBe(0);
    expect(fs.readFileSync(out).equals(SAMPLE_PDF)).toBe(true);

    expect(await samrad('attachments', 'remove', String(kept.id + 1))).toMatchObject({
      code: 0,
      out: `Removed handling ${kept.id + 1}.`,
    });
    expect((await b.call('attachments.list', { meetingId })).map((a) => a.id)).toEqual([kept.id]);
    const ofParagraph = await samrad('attachments', 'list', '--paragraph', String(paragraph.id), '--json');
    expect(JSON.parse(ofParagraph.out).map((a: { id: number }) => a.id)).toEqual([kept.id]);
    const other = await f.meeting('2017-06-13');
    expect(await samrad('attachments', 'list', '--meeting', String(other.id))).toMatchObject({
      code: 0,
      out: `Meeting ${other.id} has no handlingar.`,
    });
  });

  it('list: a meeting or § that does not exist is not found, not one without handlingar', async () => {
    const noMeeting = await samrad('attachments', 'list', '--meeting', '9999');
    expect(noMeeting).toMatchObject({ code: 1, out: '' });
    expect(noMeeting.err).toBe('samrad attachments: meeting 9999 does not exist');
    const noParagraph = await samrad('attachments', 'list', '--paragraph', '9999', '--json');
    expect(noParagraph).toMatchObject({ code: 1, out: '' });
    expect(noParagraph.err).toBe('samrad attachments: paragraph 9999 does not exist');
    expect(await samrad('attachments', 'list', '--meeting', '1', '--paragraph', '1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('give either --meeting ID or --paragraph ID'),
    });
    expect(await b.fail('attachments.list', { meetingId: 9999 })).toMatchObject({
      code: 'NOT_FOUND',
      params: { entity: 'meeting', id: '9999' },
    });
    expect(await b.fail('attachments.list', { paragraphId: 9999 })).toMatchObject({
      code: 'NOT_FOUND',
      params: { entity: 'paragraph', id: '9999' },
    });
    expect((await b.fail('attachments.list', { meetingId, paragraphId: 1 })).code).toBe('VALIDATION');
  });

  it('bad input: the same errors as the app gives, and nothing kept', async () => {
    const add = (name: string, bytes: Uint8Array) =>
      samrad('attachments', 'add', file(name, bytes), '--agenda-item', String(itemId));
    expect((await add('tom.pdf', new Uint8Array())).err).toBe(
      'samrad attachments: The file is empty (fileBase64: meetings.validation.attachment_empty)',
    );
    const large = Buffer.alloc(ATTACHMENT_MAX_BYTES + 4096);
    SAMPLE_PDF.copy(large);
    const tooLarge = await add('stor.pdf', large);
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.err).toContain('(fileBase64: meetings.validation.attachment_too_large)');
    expect((await add('anteckning.pdf', Buffer.from('bara text'))).err).toContain(
      'meetings.validation.attachment_unknown_type',
    );
    expect((await add('bild.pdf', SAMPLE_PNG)).err).toContain('meetings.validation.attachment_name_mismatch');
    expect(
      await samrad('attachments', 'add', path.join(b.dir, 'finns-inte.pdf'), '--agenda-item', String(itemId)),
    ).toMatchObject({ code: 2 });
    const both = await samrad(
      'attachments',
      'add',
      file('a.pdf', SAMPLE_PDF),
      '--agenda-item',
      '1',
      '--paragraph',
      '1',
    );
    expect(both).toMatchObject({ code: 2 });
    expect(both.err).toContain('give either --agenda-item ID or --paragraph ID');
    expect(await samrad('attachments', 'add', file('b.pdf', SAMPLE_PDF), '--agenda-item', '9999')).toMatchObject({
      code: 1,
    });
    expect(await samrad('attachments', 'get', '1', '--out', path.join(b.dir, 'x.pdf'), '--sign')).toMatchObject({
      code: 2,
    });
    expect(await samrad('attachments', 'frobnicate')).toMatchObject({ code: 2 });
    expect(await b.call('attachments.list', { meetingId })).toEqual([]);
  });

  it('a handling of an attested protocol cannot be removed; the protocol exports with it as a .zip', async () => {
    await samrad('attachments', 'add', file('Åtgärdsplan.pdf', SAMPLE_PDF), '--agenda-item', String(itemId));
    const [kept] = await b.call('attachments.list', { meetingId });
    const protocol = await b.call('protocol.create', { meetingId });
    const number = protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!.number;
    await f.attestAll(meetingId, '2017-03-16');
    const removed = await samrad('attachments', 'remove', String(kept.id));
    expect(removed.code).toBe(1);
    expect(removed.err).toBe(
      'samrad attachments: The handling is part of what was attested and can no longer be added or removed',
    );
    expect(await b.call('attachments.list', { meetingId })).toHaveLength(1);

    const zip = path.join(b.dir, 'protokoll.zip');
    const exported = await samrad(
      'export',
      'protocol',
      '--meeting',
      String(meetingId),
      '--with-attachments',
      '--out',
      zip,
    );
    expect(exported).toMatchObject({ code: 0, err: '' });
    const entries = unzipSync(new Uint8Array(fs.readFileSync(zip)));
    expect(Object.keys(entries).slice(1)).toEqual([`Beslutsunderlag/§ ${number} – Åtgärdsplan.pdf`, 'SHA256SUMS']);
    expect(
      await samrad(
        'export',
        'protocol',
        '--meeting',
        String(meetingId),
        '--with-attachments',
        '--out',
        path.join(b.dir, 'p.docx'),
      ),
    ).toMatchObject({ code: 2 });
    // an agreement has no handlingar: the flag is not one it takes
    expect(
      await samrad('export', 'agreement', '--version', '1', '--with-attachments', '--out', path.join(b.dir, 'a.zip')),
    ).toMatchObject({ code: 2 });
  });
});
