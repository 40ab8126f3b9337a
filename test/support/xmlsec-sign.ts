import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const MDSSI = 'http://schemas.openxmlformats.org/package/2006/digital-signature';
const REL_TRANSFORM = 'http://schemas.openxmlformats.org/package/2006/RelationshipTransform';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const ORIGIN_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin';
const SIGNATURE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature';
const UNSIGNED_TYPES = new Set([
  'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  ORIGIN_REL,
]);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const relationships = (xml: string) =>
  [...xml.matchAll(/<Relationship\s([^>]*?)\/?>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    return { id: attr('Id'), type: attr('Type'), target: attr('Target'), mode: attr('TargetMode') };
  });
function contentTypeOf(types: string, part: string): string {
  const entries = [...types.matchAll(/<(Default|Override)\s([^>]*?)\/?>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[2])?.[1] ?? '';
    return { kind: m[1], partName: attr('PartName'), extension: attr('Extension'), type: attr('ContentType') };
  });
  const override = entries.find((e) => e.kind === 'Override' && e.partName.toLowerCase() === `/${part}`.toLowerCase());
  const extension = part.split('.').pop()!.toLowerCase();
  const found = override ?? entries.find((e) => e.kind === 'Default' && e.extension.toLowerCase() === extension);
  if (!found) throw new Error(`no content type for ${part}`);
  return found.type;
}

/**
 * An independent co-signer for interoperability tests: writes an ECMA-376 signature template
 * (Manifest of every part as Office signs it, SignatureTime, XAdES SigningTime and
 * SigningCertificate) and lets stock `xmlsec1 --sign` compute every digest and the signature
 * value, with --url-map for each part. Adds it as the next sigN.xml with its relationships;
 * nothing of Samråd's signing code is used.
 */
export function xmlsecCoSign(
  docx: Uint8Array,
  keyPem: string,
  certificate: crypto.X509Certificate,
  at: Date,
): Uint8Array {
  const parts = unzipSync(docx);
  const existing = Object.keys(parts).filter((p) => /^_xmlsignatures\/sig\d+\.xml$/.test(p)).length;
  const n = existing + 1;
  const name = `sig${n}.xml`;
  // the package relationships gain the origin (once), written compactly
  const packageRels = strFromU8(parts['_rels/.rels']);
  if (!relationships(packageRels).some((r) => r.type === ORIGIN_REL))
    parts['_rels/.rels'] = strToU8(
      packageRels.replace(
        '</Relationships>',
        `<Relationship Id="rIdXmlsec" Type="${ORIGIN_REL}" Target="_xmlsignatures/origin.sigs"/></Relationships>`,
      ),
    );
  parts['_xmlsignatures/origin.sigs'] ??= new Uint8Array(0);
  const originRelsPart = '_xmlsignatures/_rels/origin.sigs.rels';
  const originRels = parts[originRelsPart]
    ? strFromU8(parts[originRelsPart])
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"></Relationships>`;
  parts[originRelsPart] = strToU8(
    originRels.replace(
      '</Relationships>',
      `<Relationship Id="rIdX${existing + 1}" Type="${SIGNATURE_REL}" Target="${name}"/></Relationships>`,
    ),
  );
  let types = strFromU8(parts['[Content_Types].xml']);
  if (!/Extension="sigs"/.test(types))
    types = types.replace(
      '<Default ',
      '<Default Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"/><Default ',
    );
  types = types.replace(
    '</Types>',
    `<Override PartName="/_xmlsignatures/${name}" ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"/></Types>`,
  );
  parts['[Content_Types].xml'] = strToU8(types);

  const excluded = new Set(
    relationships(strFromU8(parts['_rels/.rels']))
      .filter((r) => UNSIGNED_TYPES.has(r.type) && r.type !== ORIGIN_REL)
      .map((r) => r.target.replace(/^\//, '')),
  );
  const references: string[] = [];
  for (const part of Object.keys(parts).sort()) {
    if (part === '[Content_Types].xml' || part.startsWith('_xmlsignatures/') || excluded.has(part)) continue;
    const digest = `<DigestMethod Algorithm="${SHA256}"/><DigestValue></DigestValue>`;
    if (part.endsWith('.rels')) {
      const ids = relationships(strFromU8(parts[part]))
        .filter((r) => !UNSIGNED_TYPES.has(r.type))
        .map((r) => `<mdssi:RelationshipReference xmlns:mdssi="${MDSSI}" SourceId="${esc(r.id)}"/>`);
      if (ids.length === 0) continue;
      references.push(
        `<Reference URI="/${part}?ContentType=application/vnd.openxmlformats-package.relationships+xml"><Transforms><Transform Algorithm="${REL_TRANSFORM}">${ids.join('')}</Transform><Transform Algorithm="${C14N}"/></Transforms>${digest}</Reference>`,
      );
    } else {
      references.push(`<Reference URI="/${part}?ContentType=${contentTypeOf(types, part)}">${digest}</Reference>`);
    }
  }
  const time = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const template =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Signature xmlns="${DS}" Id="idXmlsecSignature">` +
    `<SignedInfo><CanonicalizationMethod Algorithm="${C14N}"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
    `<Reference Type="http://www.w3.org/2000/09/xmldsig#Object" URI="#idPackageObject"><DigestMethod Algorithm="${SHA256}"/><DigestValue></DigestValue></Reference>` +
    `<Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#idSignedProperties${n}"><Transforms><Transform Algorithm="${C14N}"/></Transforms><DigestMethod Algorithm="${SHA256}"/><DigestValue></DigestValue></Reference>` +
    `</SignedInfo><SignatureValue></SignatureValue>` +
    `<KeyInfo><X509Data><X509Certificate>${certificate.raw.toString('base64')}</X509Certificate></X509Data></KeyInfo>` +
    `<Object Id="idPackageObject"><Manifest>${references.join('')}</Manifest><SignatureProperties><SignatureProperty Id="idSignatureTime" Target="#idXmlsecSignature">` +
    `<mdssi:SignatureTime xmlns:mdssi="${MDSSI}"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>${time}</mdssi:Value></mdssi:SignatureTime></SignatureProperty></SignatureProperties></Object>` +
    `<Object><xd:QualifyingProperties xmlns:xd="${XADES}" Target="#idXmlsecSignature"><xd:SignedProperties Id="idSignedProperties${n}"><xd:SignedSignatureProperties>` +
    `<xd:SigningTime>${time}</xd:SigningTime><xd:SigningCertificate><xd:Cert><xd:CertDigest><DigestMethod Algorithm="${SHA256}"/>` +
    `<DigestValue>${crypto.createHash('sha256').update(certificate.raw).digest('base64')}</DigestValue></xd:CertDigest>` +
    `<xd:IssuerSerial><X509IssuerName>${esc(certificate.issuer.split('\n').reverse().join(','))}</X509IssuerName><X509SerialNumber>${BigInt(`0x${certificate.serialNumber}`).toString(10)}</X509SerialNumber></xd:IssuerSerial>` +
    `</xd:Cert></xd:SigningCertificate></xd:SignedSignatureProperties></xd:SignedProperties></xd:QualifyingProperties></Object></Signature>`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-xmlsec-sign-'));
  try {
    const maps: string[] = [];
    for (const [part, data] of Object.entries(parts)) {
      const file = path.join(dir, 'pkg', part);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    for (const match of template.matchAll(/URI="(\/[^"]+)"/g))
      maps.push(`--url-map:${match[1]}`, path.join(dir, 'pkg', match[1].split('?')[0]));
    fs.writeFileSync(path.join(dir, 'key.pem'), keyPem);
    fs.writeFileSync(path.join(dir, 'cert.pem'), certificate.toString());
    fs.writeFileSync(path.join(dir, 'template.xml'), template);
    const run = spawnSync(
      'xmlsec1',
      [
        '--sign',
        '--privkey-pem',
        `${path.join(dir, 'key.pem')},${path.join(dir, 'cert.pem')}`,
        '--id-attr:Id',
        `${DS}:Object`,
        '--id-attr:Id',
        `${XADES}:SignedProperties`,
        ...maps,
        '--output',
        path.join(dir, 'signed.xml'),
        path.join(dir, 'template.xml'),
      ],
      { encoding: 'utf8' },
    );
    if (run.status !== 0 || !fs.existsSync(path.join(dir, 'signed.xml')))
      throw new Error(`xmlsec1 --sign failed: ${run.stderr}`);
    parts[`_xmlsignatures/${name}`] = fs.readFileSync(path.join(dir, 'signed.xml'));
    return zipSync(parts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
