import { z } from 'zod';
import { method } from './define';
import { id, requiredText } from './common';

/**
 * Handlingar: files attached to an agenda item (listed in the kallelse) or to a § (its
 * beslutsunderlag in the protocol). The backend decides the type from the bytes themselves;
 * bytes cross the contract as base64.
 */

/** the largest file Samråd keeps as a handling (also in SQL: migration 010) */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_MAX_MEGABYTES = ATTACHMENT_MAX_BYTES / (1024 * 1024);

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'image/png',
  'image/jpeg',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const attachment = z.object({
  id: z.number(),
  meetingId: z.number(),
  /** attached to this agenda item (null when attached to a § directly) */
  agendaItemId: z.number().nullable(),
  /** the § whose beslutsunderlag it is: its own, or the § made from its agenda item; null while there is none */
  paragraphId: z.number().nullable(),
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_TYPES),
  size: z.number(),
  sha256: z.string(),
  addedAt: z.string(),
  /** part of what was attested: it can no longer be removed */
  locked: z.boolean(),
});
export type Attachment = z.infer<typeof attachment>;

/** base64 of at most ATTACHMENT_MAX_BYTES (4 characters per 3 bytes, line breaks allowed); the exact size is checked on the bytes */
const attachmentBase64 = z
  .string({ message: 'required' })
  .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 1_000_000, { message: 'meetings.validation.attachment_too_large' })
  .regex(/^[A-Za-z0-9+/=\s]*$/, { message: 'meetings.validation.attachment_not_base64' });

export const attachmentTarget = z.union([
  z.object({ agendaItemId: id }).strict(),
  z.object({ paragraphId: id }).strict(),
]);

export const attachmentsContract = {
  /** every handling of the meeting, or the beslutsunderlag of one §, in the order attached; NOT_FOUND for one that does not exist */
  'attachments.list': method(
    z.union([z.object({ meetingId: id }).strict(), z.object({ paragraphId: id }).strict()]),
    z.array(attachment),
  ),
  /** attaches a PDF, Word document or image (by its content) to an agenda item or a §; refused once attested */
  'attachments.add': method(
    z.object({
      target: attachmentTarget,
      fileName: requiredText(255).refine((v) => !/[\\/\0]/.test(v), { message: 'meetings.validation.file_name' }),
      fileBase64: attachmentBase64,
    }),
    attachment,
  ),
  /** the file's bytes, to open or save */
  'attachments.open': method(
    z.object({ id }),
    z.object({ fileName: z.string(), mediaType: z.enum(ATTACHMENT_TYPES), base64: z.string(), sha256: z.string() }),
  ),
  /** removes a handling not yet attested */
  'attachments.remove': method(z.object({ id }), z.object({ id: z.number() })),
};
