import { z } from 'zod';
import { method } from './define';
import { absolutePath, id, isoDate, periodRefinement } from './common';

export const archiveIndexRow = z.object({
  path: z.string(),
  kind: z.enum(['protokoll', 'avtal', 'rattelse']),
  body: z.string(),
  date: z.string(),
  paragraphs: z.tuple([z.number(), z.number()]).nullable(),
  dnr: z.array(z.string()),
  signers: z.array(z.string()),
  attestations: z.array(z.string()),
  sha256: z.string(),
  bytes: z.number(),
});

export const archiveContract = {
  /** copies the sealed records of the period (protocols, §§ attested at once, agreement versions in force) byte for byte; emits 'progress' */
  'archive.export': method(
    z
      .object({
        from: isoDate,
        to: isoDate,
        bodyIds: z.array(id).default([]),
        includeAgreements: z.boolean().default(true),
        /** a folder, or a file name ending in .zip */
        target: absolutePath(4000),
        overwrite: z.boolean().default(false),
        taskId: z.string().min(1).max(100).optional(),
      })
      .superRefine(periodRefinement('from', 'to')),
    z.object({ taskId: z.string(), path: z.string(), format: z.enum(['folder', 'zip']), documents: z.number(), index: z.array(archiveIndexRow) }),
  ),
  'archive.cancel': method(z.object({ taskId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
};
