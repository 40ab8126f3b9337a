import { z } from 'zod';
import { method } from './define';
import { id } from './common';
import { page, pageRequest } from './paging';

/**
 * Sealed records: what was attested or signed, frozen at the act (see DESIGN "Records").
 * `id` of a record reference is the meeting's for a protocol, the §'s for an extract attested
 * at once, the version's for an agreement, the correction note's for a rättelse.
 */
export const RECORD_KINDS = ['protocol', 'extract', 'agreement', 'correction'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const recordRef = z.object({ kind: z.enum(RECORD_KINDS), id });
export type RecordRef = z.infer<typeof recordRef>;

export const SEAL_PROBLEMS = [
  'snapshot_hash',
  'document_hash',
  'signature_hash',
  'differs',
  'broken_at_migration',
  'missing',
] as const;

export const sealProblem = z.object({
  code: z.enum(SEAL_PROBLEMS),
  /** what differs, as a key under `records.fields` (e.g. `decision`), for `differs` */
  field: z.string().nullable(),
  /** the § concerned, where one is */
  paragraph: z.number().nullable(),
  /** the problem in English, naming the record ("Chefssamrådet 2017-03-14 § 3: Beslut differs from the sealed record") */
  message: z.string(),
});
export type SealProblem = z.infer<typeof sealProblem>;

export const recordInfo = z.object({
  recordId: z.number(),
  kind: z.enum(RECORD_KINDS),
  /** e.g. "Chefssamrådet 2017-03-14 §§ 1–10" */
  label: z.string(),
  lang: z.enum(['sv', 'en']),
  fileName: z.string(),
  sealedAt: z.string(),
  snapshotSha256: z.string(),
  documentSha256: z.string(),
  bytes: z.number(),
  /** the sealed bytes carry the organisation's package signature made at sealing */
  signedAtSealing: z.boolean(),
  /** package signatures added to the sealed bytes later, oldest first */
  laterSignatures: z.array(z.object({ signer: z.string(), signedAt: z.string() })),
  /** sealed while a TSA was set: the organisation's seal waits to be made with a trusted timestamp (the TSA did not answer yet) */
  sealAwaitsTimestamp: z.boolean(),
  /** the time the organisation's seal rests on: an RFC 3161 timestamp, the organisation's own clock, or none while unsigned */
  sealTimeSource: z.enum(['timestamp', 'signer_clock', 'none']),
  brokenAtMigration: z.boolean(),
  seal: z.object({ ok: z.boolean(), problems: z.array(sealProblem) }),
  /** where the record shows a name that has changed since (the record keeps the old one) */
  olderNames: z.array(z.object({ kind: z.enum(['person', 'body', 'agreement']), sealed: z.string(), now: z.string() })),
});
export type RecordInfo = z.infer<typeof recordInfo>;

export const recordSummary = z.object({
  recordId: z.number(),
  kind: z.enum(RECORD_KINDS),
  /** the meeting's, §'s, version's or correction note's id, as in a record reference */
  id: z.number(),
  label: z.string(),
  lang: z.enum(['sv', 'en']),
  fileName: z.string(),
  sealedAt: z.string(),
  documentSha256: z.string(),
  snapshotSha256: z.string(),
  signedAtSealing: z.boolean(),
  laterSignatures: z.number(),
  sealAwaitsTimestamp: z.boolean(),
  brokenAtMigration: z.boolean(),
});
export type RecordSummary = z.infer<typeof recordSummary>;

export const recordsContract = {
  /** the sealed records, newest first, a page at a time (seals are re-checked by records.get and by samrad check) */
  'records.list': method(
    z.object({ kind: z.enum(RECORD_KINDS).optional(), ...pageRequest(50, 500) }).default({ limit: 50, after: null }),
    page(recordSummary),
  ),
  /** the sealed record of a protocol, an extract or an agreement version, with its seal re-checked; null while none is sealed */
  'records.get': method(recordRef, recordInfo.nullable()),
};
