import { z } from 'zod';
import { method } from './define';
import { absolutePath, documentLanguage, id } from './common';

/** Every document Samråd exports, as the one export pipeline knows it. */
export const exportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('protocol'), meetingId: id }),
  z.object({ kind: z.literal('extract'), paragraphId: id }),
  z.object({ kind: z.literal('agenda'), meetingId: id }),
  z.object({ kind: z.literal('agreement'), versionId: id }),
  z.object({ kind: z.literal('correction'), correctionId: id }),
  z.object({ kind: z.literal('redline'), fromId: id, toId: id }),
]);
export type ExportSource = z.infer<typeof exportSource>;

export const writtenFile = z.object({ path: z.string(), sha256: z.string(), fileName: z.string() });
export type WrittenFile = z.infer<typeof writtenFile>;

export const exportsContract = {
  /**
   * Writes a document straight to a file on this machine (the command line): an existing file
   * is refused unless `overwrite`; written under a temporary name and renamed; logged once it exists.
   */
  'exports.toFile': method(
    z.object({
      source: exportSource,
      lang: documentLanguage,
      sign: z.boolean().default(false),
      /** a protocol, extract or kallelse with its handlingar, as one .zip */
      withAttachments: z.boolean().default(false),
      target: absolutePath(4000),
      overwrite: z.boolean().default(false),
    }),
    writtenFile,
  ),
};
