/** What kind of record a document in the archive is (the index's `kind`). */
export type ArchiveKind = 'protokoll' | 'protokollsutdrag' | 'avtal' | 'rattelse';

/**
 * One act on a record as the index lists it: who attested or signed, in what role, when, and how:
 * digitally signed by the person's own certificate, or recorded without digital signature.
 */
export interface ArchiveAct {
  name: string;
  /** ordförande, justerare, sekreterare (protocols); undertecknare (agreements) */
  role: string;
  organisation: string | null;
  /** the date of the act as entered (YYYY-MM-DD) */
  date: string;
  /** when Samråd recorded it (ISO time), where known */
  recordedAt: string | null;
  /** where the date comes from */
  timeSource: 'entered by the operator' | "the signer's own clock" | 'timestamp (RFC 3161)';
  /** the person's own certificate when digitally signed; else null and `recorded` says so */
  certificateFingerprint: string | null;
  recorded: 'digitally signed' | 'recorded without digital signature';
  /** who recorded an act without digital signature, where known */
  recordedBy?: string | null;
}

/** A package signature the sealed document carries (the organisation's, made at sealing or later). */
export interface ArchivePackageSignature {
  signer: string;
  /** SHA-256 of the certificate's DER, hex pairs joined by ':' (as `openssl x509 -fingerprint -sha256` prints it) */
  certificateFingerprint: string;
  issuer: string;
  signingTime: string | null;
  timeSource: 'signer clock (XAdES SigningTime)';
  valid: boolean;
  trusted: boolean;
}

/** One document in an archive, described the way the index lists it. */
export interface ArchiveEntryMeta {
  /** the sealed record's id in the Samråd database it came from */
  recordId: number;
  kind: ArchiveKind;
  /** the body (samverkansforum) for protocols, extracts and rättelser; null for agreements, which belong to the parties */
  body: string | null;
  /** the parties (agreements) */
  parties: string[];
  /** the meeting date, or the date an agreement version was signed by its last party */
  date: string;
  /** an agreement version's period */
  validFrom: string | null;
  validTo: string | null;
  paragraphs: [number, number] | null;
  dnr: string[];
  /** the record's title: "Chefssamrådet 2017-03-14 §§ 1–10", an agreement version's title */
  title: string;
  acts: ArchiveAct[];
  /** the SHA-256 of the sealed canonical snapshot (what the document shows, as data) */
  snapshotSha256: string;
  sealedAt: string;
  /** a rättelse: the record it corrects, by its document's SHA-256 */
  correctsSha256: string | null;
  /** a rättelse: the date it was written, for the file name */
  correctionDate?: string;
}

/** An event of a record's life, taken from the audit chain, for PREMIS. */
export interface ArchiveEvent {
  /** `audit-<id>`: the audit event's row */
  id: string;
  type: 'sealing' | 'attestation' | 'signing' | 'correction' | 'digital signature generation';
  at: string;
  /** the audit chain's hash of this event, so it can be found and checked in the database */
  auditHash: string;
  /** the operator's login name, who recorded it in Samråd */
  actor: string;
  /** the person who acted (attested, signed), if any */
  person: string | null;
  organisation: string | null;
  detail: string;
}

/** A handling a record names as beslutsunderlag of one of its §§: archived beside the record, byte for byte. */
export interface ArchiveAttachmentSource {
  paragraph: number;
  fileName: string;
  mediaType: string;
  /** the hash the sealed record names; the bytes produced are checked against it */
  sha256: string;
  produce(): Uint8Array;
}

/** A handling as the index lists it, under its record. */
export interface ArchiveAttachmentRow {
  /** relative to the package root */
  path: string;
  paragraph: number;
  fileName: string;
  mediaType: string;
  sha256: string;
  bytes: number;
}

/** A document to archive; its bytes are produced only when the writer gets to it. */
export interface ArchiveSource {
  meta: ArchiveEntryMeta;
  /** the sealed record's file name as Samråd named it (PREMIS originalName) */
  originalName: string;
  events: ArchiveEvent[];
  /** the bytes carry a package signature (made at sealing or added later), to be read for the index */
  signed: boolean;
  produce(): Promise<Uint8Array>;
  /** the handlingar the record names (protocols and extracts) */
  attachments: ArchiveAttachmentSource[];
}

export interface ArchiveIndexRow extends ArchiveEntryMeta {
  /** relative to the package root */
  path: string;
  sha256: string;
  bytes: number;
  packageSignatures: ArchivePackageSignature[];
  attachments: ArchiveAttachmentRow[];
}

/**
 * A path segment from a name: lower-case ASCII letters, digits and `_`, with å/ä/ö folded to
 * a/a/o and nothing cut off, so names survive every unzip, file system and shell unchanged.
 */
export function asciiSlug(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase();
  return folded.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'namnlos';
}

const range = (p: [number, number]) => (p[0] === p[1] ? `p${p[0]}` : `p${p[0]}-${p[1]}`);

/**
 * Where a document goes, relative to `representations/rep1/data/`:
 * `2017/chefssamradet/2017-03-14_protokoll_p1-10.docx`, `2017/chefssamradet/2017-12-12_protokollsutdrag_p37.docx`,
 * `2017/chefssamradet/2017-06-13_rattelse_p17_2017-06-28.docx`, `avtal/samverkansoverenskommelse_2017-01-01_2018-12-31.docx`.
 */
export function archivePath(meta: ArchiveEntryMeta): string {
  if (meta.kind === 'avtal') return `avtal/samverkansoverenskommelse_${meta.validFrom}_${meta.validTo}.docx`;
  const folder = `${meta.date.slice(0, 4)}/${asciiSlug(meta.body ?? '')}`;
  const paragraphs = meta.paragraphs ? `_${range(meta.paragraphs)}` : '';
  if (meta.kind === 'rattelse') return `${folder}/${meta.date}_rattelse${paragraphs}_${meta.correctionDate}.docx`;
  return `${folder}/${meta.date}_${meta.kind}${paragraphs}.docx`;
}

/**
 * Where a record's handling goes, beside the record: `2017/chefssamradet/2017-03-14_protokoll_p1-10_handlingar/p3_atgardsplan.pdf`
 * (ASCII, as every name in the package; the file's own name is kept in the index and PREMIS).
 */
export function attachmentPath(recordPath: string, paragraph: number, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension = dot > 0 ? `.${asciiSlug(fileName.slice(dot + 1))}` : '';
  return `${recordPath.replace(/\.docx$/, '')}_handlingar/p${paragraph}_${asciiSlug(stem)}${extension}`;
}
