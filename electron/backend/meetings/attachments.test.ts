import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docxParts, paragraphs } from '../../../test/support/docx';
import {
  SAMPLE_JPEG,
  SAMPLE_PDF,
  SAMPLE_PNG,
  base64,
  meetingWithItem,
  sha256,
} from '../../../test/support/attachments';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/contract/attachments';
import { checkDatabase } from '../db/check';

type Fixture = Awaited<ReturnType<typeof meetingWithItem>>;

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

describe('handlingar through the contract', () => {
  it('keeps a PDF, a Word document and images with their SHA-256, typed by content, and opens them byte for byte', async () => {
    const word = Buffer.from((await b.call('meetings.exportAgenda', { meetingId, lang: 'sv' })).base64, 'base64');
    const pdf = await attach({ agendaItemId: itemId }, 'Åtgärdsplan fordonsbränder.pdf', SAMPLE_PDF);
    const docx = await attach({ agendaItemId: itemId }, 'Tjänsteskrivelse.DOCX', word);
    const png = await attach({ agendaItemId: itemId }, 'karta.png', SAMPLE_PNG);
    const jpeg = await attach({ agendaItemId: itemId }, 'foto.jpeg', SAMPLE_JPEG);
    expect([pdf, docx, png, jpeg].map((a) => a.mediaType)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'image/png',
      'image/jpeg',
    ]);
    expect(pdf).toMatchObject({
      meetingId,
      agendaItemId: itemId,
      paragraphId: null,
      size: SAMPLE_PDF.length,
      sha256: sha256(SAMPLE_PDF),
      locked: false,
    });
    const opened = await b.call('attachments.open', { id: docx.id });
    expect(opened).toMatchObject({ fileName: 'Tjänsteskrivelse.DOCX', sha256: sha256(word) });
    expect(Buffer.from(opened.base64, 'base64').equals(word)).toBe(true);
    expect((await b.call('attachments.list', { meetingId })).map((a) => a.id)).toEqual([
      pdf.id,
      docx.id,
      png.id,
      jpeg.id,
    ]);
    const history = (await b.call('history.forRecord', { entity: 'meeting', entityId: meetingId })).items;
    expect(history.filter((e) => e.action === 'add_attachment')).toHaveLength(4);
  });

  it('an agenda item’s handlingar become the beslutsunderlag of the § made from it, beside the §’s own', async () => {
    const onItem = await attach({ agendaItemId: itemId }, 'underlag.pdf', SAMPLE_PDF);
    const protocol = await b.call('protocol.create', { meetingId });
    const paragraph = protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!;
    const onParagraph = await attach({ paragraphId: paragraph.id }, 'bild.png', SAMPLE_PNG);
    const list = await b.call('attachments.list', { meetingId });
    expect(list.map((a) => [a.id, a.agendaItemId, a.paragraphId])).toEqual([
      [onItem.id, itemId, paragraph.id],
      [onParagraph.id, null, paragraph.id],
    ]);
  });

  it('refuses an empty file, one too large, one of an unknown type and one named as another type; nothing is kept', async () => {
    const refused = async (fileName: string, bytes: Uint8Array) =>
      b.fail('attachments.add', { target: { agendaItemId: itemId }, fileName, fileBase64: base64(bytes) });
    expect(await refused('tom.pdf', new Uint8Array())).toMatchObject({
      code: 'VALIDATION',
      fields: { fileBase64: 'meetings.validation.attachment_empty' },
    });
    const tooLarge = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    SAMPLE_PDF.copy(tooLarge);
    expect(await refused('stor.pdf', tooLarge)).toMatchObject({
      code: 'VALIDATION',
      fields: { fileBase64: 'meetings.validation.attachment_too_large' },
    });
    expect(await refused('anteckning.pdf', Buffer.from('bara text, ingen PDF'))).toMatchObject({
      code: 'VALIDATION',
      fields: { fileBase64: 'meetings.validation.attachment_unknown_type' },
    });
    // a ZIP that is no Word document, named .docx
    const zip = zipSync({ 'a.txt': strToU8('hej') });
    expect(await refused('falsk.docx', zip)).toMatchObject({
      fields: { fileBase64: 'meetings.validation.attachment_unknown_type' },
    });
    expect(await refused('bild.pdf', SAMPLE_PNG)).toMatchObject({
      code: 'VALIDATION',
      fields: { fileName: 'meetings.validation.attachment_name_mismatch' },
    });
    expect(await refused('../../etc/passwd.pdf', SAMPLE_PDF)).toMatchObject({
      code: 'VALIDATION',
      fields: { fileName: 'meetings.validation.file_name' },
    });
    expect(
      await b.fail('attachments.add', {
        target: { agendaItemId: itemId, paragraphId: 1 },
        fileName: 'a.pdf',
        fileBase64: base64(SAMPLE_PDF),
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await b.fail('attachments.add', {
        target: { agendaItemId: 9999 },
        fileName: 'a.pdf',
        fileBase64: base64(SAMPLE_PDF),
      }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await b.call('attachments.list', { meetingId })).toEqual([]);
  });

  it('removes a handling of a draft; one of an attested § stays, by the service and by SQL', async () => {
    const kept = await attach({ agendaItemId: itemId }, 'underlag.pdf', SAMPLE_PDF);
    const draft = await attach({ agendaItemId: itemId }, 'utkast.png', SAMPLE_PNG);
    expect(await b.call('attachments.remove', { id: draft.id })).toEqual({ id: draft.id });
    const protocol = await b.call('protocol.create', { meetingId });
    const paragraph = protocol.paragraphs.find((p) => p.title === 'Fordonsbränder')!;
    await b.call('protocol.updateParagraph', {
      id: paragraph.id,
      fields: { title: paragraph.title, decision: 'Åtgärdsplanen antas.', finished: true },
    });
    for (const who of [f.broo.id, f.nylind.id])
      await b.call('protocol.attestParagraph', { paragraphId: paragraph.id, personId: who, date: '2017-03-14' });

    expect((await b.call('attachments.list', { meetingId }))[0]).toMatchObject({ id: kept.id, locked: true });
    expect(await b.fail('attachments.remove', { id: kept.id })).toMatchObject({
      code: 'LOCKED',
      params: { reason: 'meetings.reasons.attachment_locked' },
    });
    expect(
      await b.fail('attachments.add', {
        target: { paragraphId: paragraph.id },
        fileName: 'sen.pdf',
        fileBase64: base64(SAMPLE_PDF),
      }),
    ).toMatchObject({
      code: 'LOCKED',
      params: { reason: 'meetings.reasons.attachment_locked' },
    });
    expect(() => b.ctx.db.prepare('DELETE FROM attachment WHERE id = ?').run(kept.id)).toThrow(
      /meetings.attachment_locked/,
    );
    expect(() => b.ctx.db.prepare("UPDATE attachment SET file_name = 'x.pdf' WHERE id = ?").run(kept.id)).toThrow(
      /meetings.attachment_unchangeable/,
    );
    expect((await b.call('attachments.list', { meetingId })).map((a) => a.id)).toEqual([kept.id]);

    // the sealed extract names the file by its hash, and lists it as Beslutsunderlag
    const record = b.ctx.db
      .prepare("SELECT snapshot FROM sealed_record WHERE kind = 'extract' AND paragraph_id = ?")
      .pluck()
      .get(paragraph.id) as string;
    expect(JSON.parse(record).paragraph.attachments).toEqual([
      {
        id: kept.id,
        fileName: 'underlag.pdf',
        mediaType: 'application/pdf',
        size: SAMPLE_PDF.length,
        sha256: sha256(SAMPLE_PDF),
      },
    ]);
    const extract = await b.call('meetings.exportExtract', { paragraphId: paragraph.id, lang: 'sv' });
    const texts = paragraphs(docxParts(Buffer.from(extract.base64, 'base64'))['word/document.xml']).map((p) => p.text);
    expect(texts.indexOf('Beslutsunderlag')).toBeGreaterThan(0);
    expect(texts[texts.indexOf('Beslutsunderlag') + 1]).toBe('underlag.pdf (PDF, 0,1 kB)');
    expect(texts).toContain(`SHA-256 ${sha256(SAMPLE_PDF)}`);
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({ ok: true });
  });

  it('the kallelse lists each item’s handlingar; without any it says so', async () => {
    const texts = async () =>
      paragraphs(
        docxParts(Buffer.from((await b.call('meetings.exportAgenda', { meetingId, lang: 'sv' })).base64, 'base64'))[
          'word/document.xml'
        ],
      ).map((p) => p.text);
    expect(await texts()).toContain('Inga handlingar är bifogade.');
    await attach({ agendaItemId: itemId }, 'Åtgärdsplan.pdf', SAMPLE_PDF);
    const agenda = await b.call('agenda.list', { meetingId });
    const position = agenda.findIndex((i) => i.id === itemId) + 1;
    const list = await texts();
    const at = list.indexOf('Handlingar');
    expect(at).toBeGreaterThan(0);
    expect(list.slice(at + 1, at + 3)).toEqual([`Punkt ${position} Fordonsbränder`, 'Åtgärdsplan.pdf (PDF, 0,1 kB)']);
    expect(list).not.toContain('Inga handlingar är bifogade.');
  });
});
