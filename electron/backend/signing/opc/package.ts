import { DOMParser } from '@xmldom/xmldom';
import { AppError } from '../../../../shared/errors';

/** Namespaces and types of the Open Packaging Conventions (ECMA-376 Part 2). */
export const OPC = {
  contentTypesNs: 'http://schemas.openxmlformats.org/package/2006/content-types',
  relationshipsNs: 'http://schemas.openxmlformats.org/package/2006/relationships',
  relsContentType: 'application/vnd.openxmlformats-package.relationships+xml',
  originRel: 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin',
  signatureRel: 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature',
  originContentType: 'application/vnd.openxmlformats-package.digital-signature-origin',
  signatureContentType: 'application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml',
  coreRel: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedRel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
} as const;

export const CONTENT_TYPES_PART = '[Content_Types].xml';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  targetMode: 'Internal' | 'External';
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

const text = new TextDecoder();
const utf8 = new TextEncoder();

function invalidPackage(message: string): AppError {
  return new AppError('VALIDATION', message, { params: { reason: 'signing.errors.not_docx' } });
}

export function parseXml(bytes: Uint8Array | string, what: string): Document {
  const source = typeof bytes === 'string' ? bytes : text.decode(bytes).replace(/^\uFEFF/, '');
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(source, 'text/xml') as unknown as Document;
  } catch (error) {
    throw invalidPackage(`${what} is not well-formed XML: ${(error as Error).message}`);
  }
}

export function elementsByName(parent: Document | Element, ns: string, local: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
}

export function parseContentTypes(parts: Map<string, Uint8Array>): ContentTypes {
  const bytes = parts.get(CONTENT_TYPES_PART);
  if (!bytes) throw invalidPackage('The package has no [Content_Types].xml: not a Word document');
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const source = text.decode(bytes);
  if (SIMPLE_TYPES.test(source)) {
    for (const [tag, kind] of source.matchAll(/<(Default|Override)\s[^>]*>/g)) {
      const a = attributes(tag);
      if (kind === 'Default') defaults.set((a.get('Extension') ?? '').toLowerCase(), a.get('ContentType') ?? '');
      else overrides.set(normalisePartName(a.get('PartName') ?? ''), a.get('ContentType') ?? '');
    }
    return { defaults, overrides };
  }
  const doc = parseXml(bytes, CONTENT_TYPES_PART);
  for (const d of elementsByName(doc, OPC.contentTypesNs, 'Default'))
    defaults.set((d.getAttribute('Extension') ?? '').toLowerCase(), d.getAttribute('ContentType') ?? '');
  for (const o of elementsByName(doc, OPC.contentTypesNs, 'Override'))
    overrides.set(normalisePartName(o.getAttribute('PartName') ?? ''), o.getAttribute('ContentType') ?? '');
  return { defaults, overrides };
}

export function serialiseContentTypes(types: ContentTypes): Uint8Array {
  const out = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, `<Types xmlns="${OPC.contentTypesNs}">`];
  for (const [extension, type] of types.defaults)
    out.push(`<Default Extension="${escapeAttr(extension)}" ContentType="${escapeAttr(type)}"/>`);
  for (const [part, type] of types.overrides)
    out.push(`<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`);
  out.push('</Types>');
  return utf8.encode(out.join(''));
}

/** Part names are kept without the leading slash, the way zip entries name them. */
export function normalisePartName(name: string): string {
  return decodeURIComponent(name.replace(/^\//, ''));
}

export function contentTypeOf(types: ContentTypes, part: string): string | null {
  const override = [...types.overrides].find(([name]) => name.toLowerCase() === part.toLowerCase());
  if (override) return override[1];
  const dot = part.lastIndexOf('.');
  return dot < 0 ? null : (types.defaults.get(part.slice(dot + 1).toLowerCase()) ?? null);
}

/** The relationships part that belongs to `part` ('' for the package itself). */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The part whose relationships a `.rels` part holds ('' for the package). */
export function sourceOfRels(relsPart: string): string {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
  return match ? `${match[1]}${match[2]}` : '';
}

export function isRelsPart(part: string): boolean {
  return /(^|\/)_rels\/[^/]*\.rels$/.test(part);
}

const ATTRIBUTE = /([A-Za-z]+)="([^"<]*)"/g;
const decodeEntities = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
function attributes(tag: string): Map<string, string> {
  return new Map(Array.from(tag.matchAll(ATTRIBUTE), (m) => [m[1], decodeEntities(m[2])] as [string, string]));
}
/** Whole-text shapes simple enough to read without a DOM; anything else goes through xmldom. */
const SIMPLE_RELS =
  /^\uFEFF?(?:<\?xml[^?<>]*\?>\s*)?<Relationships xmlns="http:\/\/schemas\.openxmlformats\.org\/package\/2006\/relationships">(?:\s*<Relationship(?:\s+[A-Za-z]+="[^"<]*")*\s*\/>)*\s*<\/Relationships>\s*$/;
const SIMPLE_TYPES =
  /^\uFEFF?(?:<\?xml[^?<>]*\?>\s*)?<Types xmlns="http:\/\/schemas\.openxmlformats\.org\/package\/2006\/content-types">(?:\s*<(?:Default|Override)(?:\s+[A-Za-z]+="[^"<]*")*\s*\/>)*\s*<\/Types>\s*$/;

export function parseRelationships(bytes: Uint8Array, part: string): Relationship[] {
  const source = text.decode(bytes);
  if (SIMPLE_RELS.test(source)) {
    return Array.from(source.matchAll(/<Relationship\s[^>]*>/g), ([tag]) => {
      const a = attributes(tag);
      return {
        id: a.get('Id') ?? '',
        type: a.get('Type') ?? '',
        target: a.get('Target') ?? '',
        targetMode: a.get('TargetMode') === 'External' ? 'External' : 'Internal',
      } as Relationship;
    });
  }
  const doc = parseXml(bytes, part);
  return elementsByName(doc, OPC.relationshipsNs, 'Relationship').map((r) => ({
    id: r.getAttribute('Id') ?? '',
    type: r.getAttribute('Type') ?? '',
    target: r.getAttribute('Target') ?? '',
    targetMode: r.getAttribute('TargetMode') === 'External' ? 'External' : 'Internal',
  }));
}

/** Resolves a relationship's target against the part that holds the relationship. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return normalisePartName(target);
  const base = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  const segments: string[] = [];
  for (const segment of `${base}${target}`.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return normalisePartName(segments.join('/'));
}

/**
 * Relationships written with no whitespace between elements: some verifiers (xmlsec1's
 * RelationshipTransform) keep text nodes that others drop, so the digest only agrees
 * everywhere when there are none.
 */
export function serialiseRelationships(relationships: Relationship[]): Uint8Array {
  const items = relationships.map(
    (r) =>
      `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"${r.targetMode === 'External' ? ' TargetMode="External"' : ''}/>`,
  );
  return utf8.encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${OPC.relationshipsNs}">${items.join('')}</Relationships>`,
  );
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
