import { unzipSync } from 'fflate';
import type { AttachmentType } from '../../../shared/contract/attachments';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: Word 97–2003 (also Excel and others of that age, hence the name check) */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The names a file of each type may carry. */
export const EXTENSIONS: Record<AttachmentType, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/msword': ['doc'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

/** The part names of a ZIP, read from its directory without inflating anything; null when it is no readable ZIP. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
    return names;
  } catch {
    return null;
  }
}

/**
 * What a file is, from its first bytes (and for a ZIP, its parts): a Word document must hold
 * word/document.xml; an OLE2 file counts as Word only when it is named .doc. Null: not a type
 * Samråd keeps as a handling, whatever its name says.
 */
export function detectAttachmentType(bytes: Uint8Array, fileName: string): AttachmentType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes);
    return names?.includes('word/document.xml') && names.includes('[Content_Types].xml')
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      : null;
  }
  if (startsWith(bytes, OLE2) && extensionOf(fileName) === 'doc') return 'application/msword';
  return null;
}

export const extensionOf = (fileName: string) => /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
