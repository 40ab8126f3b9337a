import { Packer, type Document } from 'docx';
import { writeZip } from './zip-writer';

/** The part of docx's Packer that writes each part's XML; the zipping we do ourselves. */
interface DocxCompiler {
  compile(
    file: Document,
    prettify?: unknown,
    overrides?: unknown[],
  ): Map<string, string | Uint8Array | ArrayBufferView>;
}

const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
const utf8 = new TextEncoder();

/**
 * The parts of packages this process made, by the bytes handed out, so signing one right
 * after packing (`signExport`) does not have to unzip what we just zipped. A WeakMap: the
 * entry goes when the bytes do, and bytes someone changed are a new array, never found here.
 */
const packedParts = new WeakMap<Uint8Array, ReadonlyMap<string, Uint8Array>>();

export function partsOfPacked(bytes: Uint8Array): ReadonlyMap<string, Uint8Array> | undefined {
  return packedParts.get(bytes);
}

/**
 * Zips package parts: [Content_Types].xml first (as Office writes it), native DEFLATE at
 * level 1 — measured several times faster than docx's pure-JS level 6, files a few percent larger.
 */
export function zipPackage(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const types = parts.get('[Content_Types].xml');
  const entries: Array<[string, Uint8Array]> = types ? [['[Content_Types].xml', types]] : [];
  for (const [name, data] of parts) if (name !== '[Content_Types].xml') entries.push([name, data]);
  const zipped = writeZip(entries);
  packedParts.set(zipped, parts);
  return zipped;
}

/**
 * Turns a `docx` Document into .docx bytes. Every export goes through here, so the
 * packaging path is fast in one place: docx's Compiler writes the part XML (docx stays the
 * document model), and Node's native zlib zips it at a fast level — docx's own Packer
 * zips at level 6 and costs several times more (see `npm run bench`).
 */
export function packDocxSync(document: Document, options: PackOptions = {}): Uint8Array {
  if (!compiler)
    throw new Error('docx no longer exposes Packer.compiler; packDocx must be adapted to the new docx version');
  const parts = new Map<string, Uint8Array>();
  for (const [path, raw] of compiler.compile(document, undefined, [])) {
    if (typeof raw === 'string' && isEmptyRelationshipPart(path, raw)) continue;
    const data =
      typeof raw === 'string' && path === 'docProps/core.xml' && options.timestamp
        ? stampCoreProperties(raw, options.timestamp)
        : raw;
    parts.set(
      path,
      typeof data === 'string' ? utf8.encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
  }
  return zipPackage(parts);
}

export interface PackOptions {
  /**
   * The document's created/modified time. docx writes the clock's time; a record's document
   * carries the time of its act instead, so the same content always packs to the same bytes.
   */
  timestamp?: Date;
}

function stampCoreProperties(xml: string, time: Date): string {
  const value = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${value}$3`);
}

/**
 * docx writes a relationship part for every part, most with no relationship in them. They
 * say nothing, and in a signed package each would be one more part a verifier lists as
 * not covered, so they are left out.
 */
function isEmptyRelationshipPart(path: string, xml: string): boolean {
  return path.endsWith('.rels') && !/<Relationship[\s>]/.test(xml);
}

export async function packDocx(document: Document, options: PackOptions = {}): Promise<Uint8Array> {
  return packDocxSync(document, options);
}
