import path from 'node:path';
import { zipSync, type ZipOptions } from 'fflate';
import type { Ctx } from '../context';
import type { DocumentLanguage } from '../../../shared/contract/common';
import type { ExportSource } from '../../../shared/contract/exports';
import type { ExportedDocument } from './document';
import { sha256Hex } from './write-file';
import { sha256Sums } from './sha256-sums';
import { findRecord } from '../records/store';
import {
  extractContent,
  protocolContent,
  type AttachmentLine,
  type ExtractContent,
  type ParagraphContent,
  type ProtocolContent,
} from '../records/snapshot';
import { agendaItemAttachments, attachmentBytesAsNamed } from '../meetings/attachments';
import { listAgenda } from '../meetings/agenda';
import { meetingOfParagraph, paragraphLocked } from '../meetings/state';
import { invalidState } from '../meetings/errors';
import { EXPORT_TEXTS } from '../meetings/export-texts';

/** A handling as the document lists it: under its § ("§ 3") or agenda item ("Punkt 2"), with the hash the document names. */
interface Listed {
  where: string;
  line: AttachmentLine;
}

const paragraphFiles = (p: ParagraphContent): Listed[] =>
  (p.attachments ?? []).map((line) => ({ where: `§ ${p.number}`, line }));

/**
 * The handlingar the exported document lists, read from where the document was: a sealed
 * record's snapshot (so the files are the ones attested, by their hashes), else the tables.
 */
function listedFiles(ctx: Ctx, source: ExportSource, lang: DocumentLanguage): { folder: string; files: Listed[] } {
  const t = EXPORT_TEXTS[lang];
  switch (source.kind) {
    case 'protocol': {
      const sealed = findRecord(ctx.db, { kind: 'protocol', id: source.meetingId });
      const content = sealed
        ? (JSON.parse(sealed.snapshot) as ProtocolContent)
        : protocolContent(ctx, source.meetingId);
      return { folder: t.decisionBasis, files: content.paragraphs.flatMap(paragraphFiles) };
    }
    case 'extract': {
      const own = findRecord(ctx.db, { kind: 'extract', id: source.paragraphId });
      const protocol = paragraphLocked(ctx, source.paragraphId)
        ? findRecord(ctx.db, { kind: 'protocol', id: meetingOfParagraph(ctx, source.paragraphId) })
        : null;
      const paragraph = own
        ? (JSON.parse(own.snapshot) as ExtractContent).paragraph
        : protocol
          ? (JSON.parse(protocol.snapshot) as ProtocolContent).paragraphs.find((p) => p.id === source.paragraphId)!
          : extractContent(ctx, source.paragraphId).paragraph;
      return { folder: t.decisionBasis, files: paragraphFiles(paragraph) };
    }
    case 'agenda':
      return {
        folder: t.documents,
        files: listAgenda(ctx, source.meetingId).flatMap((item, index) =>
          agendaItemAttachments(ctx, item.id).map((a) => ({
            where: t.itemWord(index + 1),
            line: { id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 },
          })),
        ),
      };
    default:
      throw notForKind();
  }
}

const notForKind = () =>
  invalidState('attachments_not_for_kind', 'Only a protocol, an extract or a notice of meeting carries handlingar');

/** Refuses handlingar for a document that has none (an agreement, a rättelse), before any work. */
export function assertCarriesAttachments(source: ExportSource): void {
  if (source.kind !== 'protocol' && source.kind !== 'extract' && source.kind !== 'agenda') throw notForKind();
}

/** "§ 3 – Åtgärdsplan.pdf"; the same name twice in one place gets " (2)" before its extension. */
function uniqueName(used: Set<string>, wanted: string): string {
  const ext = path.extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  let name = wanted;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * The document with its handlingar as one .zip: the document itself (the very bytes the plain
 * export gives), each handling under a folder named as the document's heading for them
 * ("Beslutsunderlag/§ 3 – Åtgärdsplan.pdf", "Handlingar/Punkt 2 – …" for a kallelse), and
 * SHA256SUMS over every file, checkable with `sha256sum -c`. A file whose bytes are not the ones
 * the document names is refused, by name: nothing is handed out.
 */
export function withAttachments(
  ctx: Ctx,
  source: ExportSource,
  lang: DocumentLanguage,
  doc: ExportedDocument,
): ExportedDocument & { attachments: number } {
  const { folder, files } = listedFiles(ctx, source, lang);
  const used = new Set<string>([doc.fileName.toLowerCase()]);
  const entries: Array<[string, Uint8Array, number]> = [[doc.fileName, doc.bytes, 0]];
  for (const { where, line } of files) {
    const bytes = attachmentBytesAsNamed(ctx, line, where);
    const name = `${folder}/${uniqueName(used, `${where} – ${line.fileName}`)}`;
    // PDF, Word and images are compressed already: stored as they are
    entries.push([name, new Uint8Array(bytes), 0]);
  }
  const sums = sha256Sums(entries.map(([name, bytes]) => ({ path: name, sha256: sha256Hex(bytes) })));
  entries.push(['SHA256SUMS', new TextEncoder().encode(sums), 6]);
  // made on "Unix" with plain file modes: Info-ZIP's unzip reads the UTF-8 names of a zip said to be
  // made on MS-DOS as code page 437 ("§" and "å" garbled); Windows and macOS read them either way
  const options = (level: number): ZipOptions => ({
    level: level as ZipOptions['level'],
    mtime: ctx.clock.now(),
    os: 3,
    attrs: 0o100644 << 16,
  });
  return {
    fileName: EXPORT_TEXTS[lang].bundleFileName(doc.fileName.replace(/\.docx$/, '')),
    bytes: zipSync(Object.fromEntries(entries.map(([name, bytes, level]) => [name, [bytes, options(level)]]))),
    attachments: files.length,
  };
}
