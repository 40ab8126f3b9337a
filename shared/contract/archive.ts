import { z } from 'zod';
import { method } from './define';
import { absolutePath, alsoTrusted, fileBase64, id, isoDate, periodRefinement } from './common';
import { signingProblem } from './signing';

const act = z.object({
  name: z.string(),
  role: z.string(),
  organisation: z.string().nullable(),
  date: z.string(),
  recordedAt: z.string().nullable(),
  timeSource: z.string(),
  certificateFingerprint: z.string().nullable(),
  recorded: z.string(),
});

const packageSignature = z.object({
  signer: z.string(),
  certificateFingerprint: z.string(),
  issuer: z.string(),
  signingTime: z.string().nullable(),
  timeSource: z.string(),
  valid: z.boolean(),
  trusted: z.boolean(),
});

/** One document of an archive package, as its index (metadata/descriptive/index.json) lists it; documentation/README.txt explains each field. */
export const archiveIndexRow = z.object({
  recordId: z.number(),
  path: z.string(),
  kind: z.enum(['protokoll', 'protokollsutdrag', 'avtal', 'rattelse']),
  title: z.string(),
  body: z.string().nullable(),
  parties: z.array(z.string()),
  date: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  paragraphs: z.tuple([z.number(), z.number()]).nullable(),
  dnr: z.array(z.string()),
  acts: z.array(act),
  packageSignatures: z.array(packageSignature),
  /** the handlingar the record names, archived beside it */
  attachments: z.array(
    z.object({
      path: z.string(),
      paragraph: z.number(),
      fileName: z.string(),
      mediaType: z.string(),
      sha256: z.string(),
      bytes: z.number(),
    }),
  ),
  snapshotSha256: z.string(),
  sealedAt: z.string(),
  correctsSha256: z.string().nullable(),
  correctionDate: z.string().optional(),
  sha256: z.string(),
  bytes: z.number(),
});

const leftOutRow = z.object({
  kind: z.enum(['protocol', 'agreement']),
  label: z.string(),
  why: z.enum(['protocol_not_attested', 'agreement_not_signed', 'meeting_cancelled']),
});

/**
 * What verify-archive found wrong, as a code with its values: the UI says it in the user's
 * language (`signing.archiveProblems.<code>`); `problems` keeps the same findings as English
 * sentences for the CLI and scripts.
 */
export const ARCHIVE_PROBLEMS = [
  'required_missing',
  'name_not_ascii',
  'outside_structure',
  'sums_missing',
  'sums_bad_line',
  'sums_outside_package',
  'sums_listed_twice',
  'file_removed',
  'file_changed',
  'file_added',
  'schema_invalid',
  'xml_unreadable',
  'root_not_mets',
  'objid_missing',
  'type_missing',
  'profile_wrong',
  'createdate_missing',
  'package_type_not_sip',
  'no_software_agent',
  'no_software_version',
  'id_not_unique',
  'locator_wrong',
  'reference_missing',
  'checksum_type_wrong',
  'checksum_mismatch',
  'size_mismatch',
  'mimetype_or_created_missing',
  'no_physical_structmap',
  'no_file_group',
  'no_structmap_div',
  'no_representation_pointer',
  'not_in_representation_mets',
  'index_lists_missing',
  'index_hash_mismatch',
  'not_in_index',
  'index_unreadable',
  'document_signature_fails',
  'document_unreadable',
  'sums_signature_digest_mismatch',
  'sums_signature_value_mismatch',
  'sums_signature_unreadable',
  'sums_signature_removed',
] as const;
export type ArchiveProblemCode = (typeof ARCHIVE_PROBLEMS)[number];
export const archiveProblem = z.object({
  code: z.enum(ARCHIVE_PROBLEMS),
  params: z.record(z.string(), z.string()),
});

/** why a check was not run: xmllint is not on this machine; the package is not signed */
export const ARCHIVE_SKIPS = ['schema_tool_unavailable', 'not_signed'] as const;

const check = z.object({
  name: z.enum(['structure', 'checksums', 'schemas', 'csip', 'index', 'documents', 'package_signature']),
  ok: z.boolean(),
  /** why the check was not run (xmllint missing, the package not signed), in English */
  skipped: z.string().nullable(),
  /** the same, as a code for the UI */
  skippedCode: z.enum(ARCHIVE_SKIPS).nullable(),
  /** English sentences naming what failed */
  problems: z.array(z.string()),
  /** the same findings as codes, for the UI */
  issues: z.array(archiveProblem),
});

export const archiveVerifyReport = z.object({
  readable: z.literal(true),
  source: z.string(),
  packageId: z.string().nullable(),
  files: z.number(),
  /** trusted: every check holds and the package signature chains to a trusted certificate; intact: every check holds, not trusted or unsigned */
  verdict: z.enum(['trusted', 'intact', 'invalid']),
  checks: z.array(check),
  documents: z.array(
    z.object({
      path: z.string(),
      signed: z.boolean(),
      valid: z.boolean(),
      trusted: z.boolean(),
      signatures: z.array(
        z.object({
          signer: z.string(),
          fingerprint: z.string(),
          signingTime: z.string().nullable(),
          valid: z.boolean(),
          trusted: z.boolean(),
        }),
      ),
      problems: z.array(z.string()),
      /** the same findings as codes, for the UI (`signing.problems.<code>`) */
      issues: z.array(signingProblem),
    }),
  ),
  packageSignature: z
    .object({
      valid: z.boolean(),
      trusted: z.boolean(),
      trustedBy: z.string().nullable(),
      signer: z.string().nullable(),
      fingerprint: z.string().nullable(),
      signingTime: z.string().nullable(),
    })
    .nullable(),
});
export type ArchiveVerifyReport = z.infer<typeof archiveVerifyReport>;

export const archiveContract = {
  /** writes the sealed records of the period (protocols, §§ attested at once, rättelser, agreement versions in force) as an E-ARK SIP; emits 'progress' */
  'archive.export': method(
    z
      .object({
        from: isoDate,
        to: isoDate,
        bodyIds: z.array(id).default([]),
        includeAgreements: z.boolean().default(true),
        includeCorrections: z.boolean().default(true),
        /** a folder, or a file name ending in .zip; left out with `download` */
        target: absolutePath(4000).optional(),
        /** browser mode: write a .zip in a private temporary folder and hand its bytes back instead (then it is removed) */
        download: z.boolean().default(false),
        /** replace an earlier Samråd package at the target (nothing else is ever replaced) */
        overwrite: z.boolean().default(false),
        /** with no signing certificate unlocked, write an unsigned package (saying so) instead of refusing */
        allowUnsigned: z.boolean().default(false),
        taskId: z.string().min(1).max(100).optional(),
      })
      .superRefine(periodRefinement('from', 'to'))
      .superRefine((v, ctx) => {
        if ((v.target === undefined) !== v.download)
          ctx.addIssue({ code: 'custom', path: ['target'], message: 'signing.validation.archive_target_or_download' });
      }),
    z.object({
      taskId: z.string(),
      path: z.string(),
      format: z.enum(['folder', 'zip']),
      packageId: z.string(),
      signed: z.boolean(),
      documents: z.number(),
      index: z.array(archiveIndexRow),
      leftOut: z.array(leftOutRow),
      /** temporary folders of interrupted exports that were removed */
      cleaned: z.array(z.string()),
      /** with `download`: the .zip itself */
      download: z.object({ fileName: z.string(), base64: z.string() }).nullable(),
    }),
  ),
  /**
   * The desktop app's folder or file picker for the target. The main process answers it
   * (electron/main/archive-dialog.ts) before the backend sees it; the backend, which has no
   * windows (browser mode, CLI), answers that no picker is available.
   */
  'archive.chooseTarget': method(
    z.object({
      format: z.enum(['folder', 'zip']),
      suggestedName: z
        .string()
        .max(200)
        // eslint-disable-next-line no-control-regex -- a NUL would cut the name short
        .regex(/^[^/\\\u0000]*$/)
        .default(''),
    }),
    z.object({ available: z.boolean(), path: z.string().nullable() }),
  ),
  'archive.cancel': method(z.object({ taskId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
  /** checks an archive package: a folder or .zip on this machine (`path`), or an uploaded .zip (`fileBase64`) */
  'archive.verify': method(
    z
      .object({
        path: absolutePath(4000).optional(),
        fileBase64: fileBase64.optional(),
        fileName: z.string().max(500).optional(),
        alsoTrusted,
      })
      .superRefine((v, ctx) => {
        if ((v.path === undefined) === (v.fileBase64 === undefined))
          ctx.addIssue({ code: 'custom', path: ['path'], message: 'signing.validation.archive_path_or_file' });
      }),
    archiveVerifyReport,
  ),
};
