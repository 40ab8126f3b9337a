import { Packer, type Document } from 'docx';

/**
 * Turns a `docx` Document into .docx bytes. Every export goes through here, so the
 * packaging path can be made faster in one place.
 */
export async function packDocx(document: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(document));
}
