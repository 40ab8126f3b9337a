import type { TestBackend } from './backend';
import { chefssamrad } from './meetings';

/** Small files of each kind a handling may be, by their real first bytes (test helper). */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const SAMPLE_JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export { sha256Hex as sha256 } from '../../electron/backend/export/write-file';

export type AttachmentTarget = { agendaItemId: number } | { paragraphId: number };

/**
 * The Chefssamråd's meeting of 2017-03-14 with one decision item, "Fordonsbränder", to attach
 * handlingar to — the starting point of every handlingar test.
 */
export async function meetingWithItem(b: TestBackend) {
  const f = await chefssamrad(b);
  const meetingId = (await f.meeting('2017-03-14')).id;
  const itemId = (
    await b.call('agenda.add', { meetingId, fields: { kind: 'decision', title: 'Fordonsbränder', dnr: 'KS 2017/131' } })
  ).id;
  const attach = (target: AttachmentTarget, fileName: string, bytes: Uint8Array) =>
    b.call('attachments.add', { target, fileName, fileBase64: base64(bytes) });
  return { f, meetingId, itemId, attach };
}
