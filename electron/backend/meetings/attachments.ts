import type { Ctx } from '../context';
import { write } from '../audit/log';
import { AppError, notFound } from '../../../shared/errors';
import { sha256Hex } from '../export/write-file';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MEGABYTES,
  type Attachment,
  type AttachmentType,
} from '../../../shared/contract/attachments';
import { detectAttachmentType, EXTENSIONS, extensionOf } from './attachment-type';
import { attachmentLocked, invalidField } from './errors';
import { meetingExists } from './state';

/** The § whose beslutsunderlag a row is (its own, or the § made from its agenda item), and whether it is attested. */
const SELECT = /* sql */ `
  SELECT a.id, a.meeting_id, a.agenda_item_id, a.file_name, a.media_type, a.size, a.sha256, a.added_at,
         coalesce(a.paragraph_id, (SELECT p.id FROM paragraph p WHERE p.agenda_item_id = a.agenda_item_id)) AS paragraph_id,
         (coalesce((SELECT status FROM protocol WHERE meeting_id = a.meeting_id), '') = 'attested'
          OR EXISTS (SELECT 1 FROM paragraph p WHERE p.immediately_attested_at IS NOT NULL
                     AND (p.id = a.paragraph_id OR p.agenda_item_id = a.agenda_item_id))) AS locked
  FROM attachment a`;

interface Row {
  id: number;
  meeting_id: number;
  agenda_item_id: number | null;
  paragraph_id: number | null;
  file_name: string;
  media_type: AttachmentType;
  size: number;
  sha256: string;
  added_at: string;
  locked: number;
}

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  meetingId: r.meeting_id,
  agendaItemId: r.agenda_item_id,
  paragraphId: r.paragraph_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  addedAt: r.added_at,
  locked: r.locked === 1,
});

/** A meeting's handlingar, or one §'s; one that does not exist is not found rather than without handlingar. */
export function listAttachments(ctx: Ctx, of: { meetingId: number } | { paragraphId: number }): Attachment[] {
  if ('paragraphId' in of) {
    if (!ctx.db.prepare('SELECT 1 FROM paragraph WHERE id = ?').get(of.paragraphId))
      throw notFound('paragraph', of.paragraphId);
    return paragraphAttachments(ctx, of.paragraphId);
  }
  meetingExists(ctx, of.meetingId);
  return (ctx.db.prepare(`${SELECT} WHERE a.meeting_id = ? ORDER BY a.id`).all(of.meetingId) as Row[]).map(
    toAttachment,
  );
}

/** The beslutsunderlag of one §: attached to it or to the agenda item it was made from. */
export function paragraphAttachments(ctx: Ctx, paragraphId: number): Attachment[] {
  return (
    ctx.db
      .prepare(
        `${SELECT} WHERE a.paragraph_id = ? OR a.agenda_item_id = (SELECT agenda_item_id FROM paragraph WHERE id = ?) ORDER BY a.id`,
      )
      .all(paragraphId, paragraphId) as Row[]
  ).map(toAttachment);
}

export function agendaItemAttachments(ctx: Ctx, agendaItemId: number): Attachment[] {
  return (ctx.db.prepare(`${SELECT} WHERE a.agenda_item_id = ? ORDER BY a.id`).all(agendaItemId) as Row[]).map(
    toAttachment,
  );
}

function getAttachment(ctx: Ctx, id: number): Attachment {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('attachment', id);
  return toAttachment(row);
}

/** The meeting an agenda item or § belongs to. */
function meetingOfTarget(ctx: Ctx, target: { agendaItemId: number } | { paragraphId: number }): number {
  const [table, targetId] =
    'agendaItemId' in target ? ['agenda_item', target.agendaItemId] : ['paragraph', target.paragraphId];
  const meetingId = ctx.db.prepare(`SELECT meeting_id FROM ${table} WHERE id = ?`).pluck().get(targetId) as
    number | undefined;
  if (meetingId === undefined) throw notFound(table, targetId);
  return meetingId;
}

/** The bytes as Samråd keeps them, or the reason it does not: empty, too large, not a known type, or named as another type. */
function checkedFile(fileName: string, bytes: Uint8Array): AttachmentType {
  if (bytes.length === 0) throw invalidField('fileBase64', 'attachment_empty', 'The file is empty');
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw invalidField(
      'fileBase64',
      'attachment_too_large',
      `The file is larger than ${ATTACHMENT_MAX_MEGABYTES} MB, the most a handling may be`,
    );
  const type = detectAttachmentType(bytes, fileName);
  if (!type)
    throw invalidField(
      'fileBase64',
      'attachment_unknown_type',
      'The file is not a PDF, a Word document or a PNG or JPEG image (judged by its content)',
    );
  if (!EXTENSIONS[type].includes(extensionOf(fileName)))
    throw invalidField(
      'fileName',
      'attachment_name_mismatch',
      `The file's content is ${EXTENSIONS[type][0].toUpperCase()} but its name says otherwise`,
    );
  return type;
}

export function addAttachment(
  ctx: Ctx,
  target: { agendaItemId: number } | { paragraphId: number },
  fileName: string,
  base64: string,
): Attachment {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const mediaType = checkedFile(fileName, bytes);
  return write(ctx, (record) => {
    const meetingId = meetingOfTarget(ctx, target);
    const sha256 = sha256Hex(bytes);
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO attachment (meeting_id, agenda_item_id, paragraph_id, file_name, media_type, size, sha256, content, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        meetingId,
        'agendaItemId' in target ? target.agendaItemId : null,
        'paragraphId' in target ? target.paragraphId : null,
        fileName,
        mediaType,
        bytes.length,
        sha256,
        Buffer.from(bytes),
        ctx.clock.now().toISOString(),
      );
    const added = getAttachment(ctx, Number(lastInsertRowid));
    record({
      action: 'add_attachment',
      entity: 'meeting',
      entityId: meetingId,
      after: { id: added.id, fileName, mediaType, size: bytes.length, sha256, ...target },
    });
    return added;
  });
}

/** A handling's file as stored: for opening it, and for exporting it with its record. */
export function attachmentFile(
  ctx: Ctx,
  id: number,
): { fileName: string; mediaType: AttachmentType; bytes: Buffer; sha256: string } {
  const row = ctx.db.prepare('SELECT file_name, media_type, content, sha256 FROM attachment WHERE id = ?').get(id) as
    { file_name: string; media_type: AttachmentType; content: Buffer; sha256: string } | undefined;
  if (!row) throw notFound('attachment', id);
  // bytes changed behind the triggers are never handed out as the handling
  if (sha256Hex(row.content) !== row.sha256)
    throw new AppError(
      'SEAL_BROKEN',
      `The handling ${row.file_name} (${id}) is not handed out: its content does not match its SHA-256; run "samrad check"`,
      { params: { record: row.file_name, problem: 'attachment_hash', field: 'attachments' } },
    );
  return { fileName: row.file_name, mediaType: row.media_type, bytes: row.content, sha256: row.sha256 };
}

/**
 * A handling's bytes as a document names them (under "§ 3", with their SHA-256): for exports and
 * the archive. Bytes that are not the ones named are refused, by name; nothing is handed out.
 */
export function attachmentBytesAsNamed(
  ctx: Ctx,
  named: { id: number; fileName: string; sha256: string },
  where: string,
): Buffer {
  const file = attachmentFile(ctx, named.id);
  if (file.sha256 !== named.sha256)
    throw new AppError(
      'SEAL_BROKEN',
      `${where} ${named.fileName} is not the file the document names (SHA-256 ${named.sha256}); run "samrad check"`,
      { params: { record: `${where} ${named.fileName}`, problem: 'attachment_hash', field: 'attachments' } },
    );
  return file.bytes;
}

export function openAttachment(ctx: Ctx, id: number) {
  const { bytes, ...file } = attachmentFile(ctx, id);
  return { ...file, base64: bytes.toString('base64') };
}

export function removeAttachment(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getAttachment(ctx, id);
    if (before.locked) throw attachmentLocked();
    ctx.db.prepare('DELETE FROM attachment WHERE id = ?').run(id);
    record({
      action: 'remove_attachment',
      entity: 'meeting',
      entityId: before.meetingId,
      before: { id, fileName: before.fileName, sha256: before.sha256 },
    });
    return { id };
  });
}
