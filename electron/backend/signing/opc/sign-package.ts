import crypto from 'node:crypto';
import { partsOfPacked, zipPackage } from '../../export/pack';
import { AppError } from '../../../../shared/errors';
import { safeUnzip } from './safe-unzip';
import {
  CONTENT_TYPES_PART,
  OPC,
  contentTypeOf,
  escapeAttr,
  escapeText,
  isRelsPart,
  parseContentTypes,
  parseRelationships,
  relsPartOf,
  resolveTarget,
  serialiseContentTypes,
  serialiseRelationships,
  sourceOfRels,
  type Relationship,
} from './package';
import { RELATIONSHIP_TRANSFORM, relationshipTransform } from './relationship-transform';
import { DSIG } from './xml-c14n';
import { version as SAMRAD_VERSION } from '../../../../package.json';

export const SIGNATURE_FOLDER = '_xmlsignatures/';
const ORIGIN_PART = '_xmlsignatures/origin.sigs';
const ORIGIN_RELS_PART = relsPartOf(ORIGIN_PART);

export interface SigningIdentity {
  certificate: crypto.X509Certificate;
  privateKey: crypto.KeyObject;
  /** issuing certificates to include in KeyInfo, nearest first */
  chain?: crypto.X509Certificate[];
}

/** Relationship types whose targets Office leaves out of a package signature. */
const UNSIGNED_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set([OPC.coreRel, OPC.extendedRel, OPC.originRel]);

const utf8 = new TextEncoder();
const sha256 = (data: Uint8Array | string) => crypto.createHash('sha256').update(data).digest('base64');

/**
 * Inclusive C14N of an element we serialised ourselves: attributes already in canonical
 * order, text and values already escaped the canonical way, no whitespace between elements,
 * so only empty-element tags must be expanded and the apex given the namespaces in scope.
 * Saves parsing the signature twice per document (measured: most of the signing time).
 */
export function canonicalOwn(fragment: string, apexNamespaces: string): string {
  return fragment
    .replace(/<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*\/>/g, '<$1$2></$1>')
    .replace(/^<([\w:.-]+)/, `<$1${apexNamespaces}`);
}

/** RFC 4514 form of a distinguished name from Node's one-attribute-per-line text. */
export function rfc4514(name: string): string {
  return name
    .split('\n')
    .filter(Boolean)
    .reverse()
    .map((rdn) => {
      const eq = rdn.indexOf('=');
      const value = rdn
        .slice(eq + 1)
        .replace(/([,+"\\<>;])/g, '\\$1')
        .replace(/^([ #])/, '\\$1')
        .replace(/ $/, '\\ ');
      return `${rdn.slice(0, eq)}=${value}`;
    })
    .join(',');
}

export function signatureAlgorithm(key: crypto.KeyObject): { uri: string; sign(data: string): string } {
  if (key.asymmetricKeyType === 'rsa')
    return {
      uri: DSIG.rsaSha256,
      sign: (data) => crypto.sign('sha256', Buffer.from(data, 'utf8'), key).toString('base64'),
    };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return {
      uri: DSIG.ecdsaSha256,
      sign: (data) =>
        crypto.sign('sha256', Buffer.from(data, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }).toString('base64'),
    };
  }
  throw new AppError('VALIDATION', 'Only RSA and ECDSA P-256 keys can sign', {
    params: { reason: 'signing.errors.unsupported_key' },
  });
}

/** xsd:dateTime in UTC without fractions, the form Office writes and reads. */
export function signatureTimeText(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function reference(uri: string, digest: string, transforms = '', type = ''): string {
  return `<Reference${type ? ` Type="${type}"` : ''} URI="${escapeAttr(uri)}">${transforms ? `<Transforms>${transforms}</Transforms>` : ''}<DigestMethod Algorithm="${DSIG.sha256}"/><DigestValue>${digest}</DigestValue></Reference>`;
}

/** The parts a package signature covers: everything but content types, signatures and document properties. */
function signedReferences(
  parts: Map<string, Uint8Array>,
  types: ReturnType<typeof parseContentTypes>,
  excluded: Set<string>,
): string[] {
  const references: string[] = [];
  for (const part of [...parts.keys()].sort()) {
    if (part === CONTENT_TYPES_PART || part.startsWith(SIGNATURE_FOLDER) || excluded.has(part)) continue;
    if (isRelsPart(part)) {
      const source = sourceOfRels(part);
      if (excluded.has(source)) continue;
      const relationships = parseRelationships(parts.get(part)!, part);
      const ids = relationships
        .filter(
          (r) =>
            !UNSIGNED_RELATIONSHIP_TYPES.has(r.type) &&
            (r.targetMode === 'External' || !excluded.has(resolveTarget(source, r.target))),
        )
        .map((r) => r.id);
      if (ids.length === 0) continue;
      const transform =
        `<Transform Algorithm="${RELATIONSHIP_TRANSFORM}">` +
        ids
          .map((id) => `<mdssi:RelationshipReference xmlns:mdssi="${DSIG.mdssi}" SourceId="${escapeAttr(id)}"/>`)
          .join('') +
        `</Transform><Transform Algorithm="${DSIG.c14n}"/>`;
      const digest = sha256(relationshipTransform(relationships, { sourceIds: ids, sourceTypes: [] }));
      references.push(reference(`/${encodeURI(part)}?ContentType=${OPC.relsContentType}`, digest, transform));
    } else {
      const type = contentTypeOf(types, part);
      if (!type)
        throw new AppError('VALIDATION', `The package part ${part} has no content type`, {
          params: { reason: 'signing.errors.not_docx' },
        });
      references.push(reference(`/${encodeURI(part)}?ContentType=${type}`, sha256(parts.get(part)!)));
    }
  }
  return references;
}

function compactRelationships(parts: Map<string, Uint8Array>): void {
  for (const part of [...parts.keys()]) {
    if (isRelsPart(part)) parts.set(part, serialiseRelationships(parseRelationships(parts.get(part)!, part)));
  }
}

/**
 * The package with every relationship part in the compact form a signature writes (see
 * serialiseRelationships). A sealed record is stored this way, so that a signature added to it
 * later leaves every one of its parts byte for byte as sealed, except the package's own
 * relationships, which gain the signature origin.
 */
export function withCompactRelationships(bytes: Uint8Array): Uint8Array {
  const packed = partsOfPacked(bytes);
  const parts = packed ? new Map(packed) : safeUnzip(bytes);
  compactRelationships(parts);
  return zipPackage(parts);
}

/** What a signature says about the act it belongs to (XAdES SignerRole, CommitmentTypeIndication, comment). */
export interface SignatureStatement {
  /** e.g. "Justerare", "Ordförande", "Undertecknare för Södertörns brandförsvarsförbund" */
  role?: string;
  /** proof of approval: the signer approves the content; proof of origin: the organisation's seal */
  commitment?: 'approval' | 'origin';
  /** names the act: "Justerar protokoll Chefssamrådet 2017-03-14 §§ 1–10" */
  comment?: string;
}

export const COMMITMENT_TYPES = {
  approval: 'http://uri.etsi.org/01903/v1.2.2#ProofOfApproval',
  origin: 'http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin',
} as const;

/** The signature parts a package already holds, by the origin's relationships. */
function existingSignatures(parts: Map<string, Uint8Array>): Relationship[] {
  const rels = parts.get(ORIGIN_RELS_PART);
  return rels ? parseRelationships(rels, ORIGIN_RELS_PART).filter((r) => r.type === OPC.signatureRel) : [];
}

/** The SHA-256 (base64) of the signer certificate each existing signature names in its KeyInfo. */
function signerDigests(parts: Map<string, Uint8Array>): Set<string> {
  const digests = new Set<string>();
  for (const [name, data] of parts) {
    if (!name.startsWith(SIGNATURE_FOLDER) || !name.endsWith('.xml')) continue;
    const first = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(new TextDecoder().decode(data));
    if (first) digests.add(sha256(Buffer.from(first[1].replace(/\s+/g, ''), 'base64')));
  }
  return digests;
}

/**
 * Adds an ECMA-376 Part 2 package signature (XML-DSig with XAdES-BES signed properties)
 * to a .docx. Every part is signed except [Content_Types].xml, the signature parts and the
 * core/extended document properties, the same set Office signs. A package that is already
 * signed gets one signature more (`sig2.xml`, …): no part an earlier signature covers is
 * touched, so every signature stays valid.
 */
export function signPackage(
  bytes: Uint8Array,
  identity: SigningIdentity,
  time: Date,
  statement: SignatureStatement = {},
): Uint8Array {
  // our own packDocx output is taken as parts directly; anything else is unzipped with care
  const packed = partsOfPacked(bytes);
  const parts = packed ? new Map(packed) : safeUnzip(bytes);
  const algorithm = signatureAlgorithm(identity.privateKey);
  if (!identity.certificate.checkPrivateKey(identity.privateKey)) {
    throw new AppError('VALIDATION', 'The private key does not belong to the certificate', {
      params: { reason: 'signing.errors.key_mismatch' },
    });
  }
  const coSigning =
    existingSignatures(parts).length > 0 || [...parts.keys()].some((p) => p.startsWith(SIGNATURE_FOLDER));
  if (coSigning && signerDigests(parts).has(sha256(identity.certificate.raw))) {
    throw new AppError('INVALID_STATE', 'The document already carries a signature by this certificate', {
      params: { reason: 'signing.errors.already_signed' },
    });
  }
  let number = 1;
  while (parts.has(`${SIGNATURE_FOLDER}sig${number}.xml`)) number++;
  const signaturePart = `${SIGNATURE_FOLDER}sig${number}.xml`;

  const types = parseContentTypes(parts);
  types.defaults.set('rels', OPC.relsContentType);
  types.defaults.set('sigs', OPC.originContentType);
  types.overrides.set(signaturePart, OPC.signatureContentType);

  const packageRels = parts.has('_rels/.rels') ? parseRelationships(parts.get('_rels/.rels')!, '_rels/.rels') : [];
  const excluded = new Set(
    packageRels
      .filter((r) => r.type === OPC.coreRel || r.type === OPC.extendedRel)
      .map((r) => resolveTarget('', r.target)),
  );
  if (!packageRels.some((r) => r.type === OPC.originRel)) {
    // The first signature: every .rels part is rewritten compactly (see serialiseRelationships)
    // before digests are taken. A co-signature leaves them as the earlier signatures found them.
    let n = 1;
    while (packageRels.some((r) => r.id === `rIdSig${n}`)) n++;
    packageRels.push({ id: `rIdSig${n}`, type: OPC.originRel, target: ORIGIN_PART, targetMode: 'Internal' });
    if (!coSigning) compactRelationships(parts);
    parts.set('_rels/.rels', serialiseRelationships(packageRels));
  }
  const originPart = resolveTarget('', packageRels.find((r) => r.type === OPC.originRel)!.target);

  const references = signedReferences(parts, types, excluded);
  const signingTime = signatureTimeText(time);
  const cert = identity.certificate;
  const certDigest = crypto.createHash('sha256').update(cert.raw).digest('base64');
  const serial = BigInt(`0x${cert.serialNumber}`).toString(10);

  const packageObject =
    `<Object Id="idPackageObject"><Manifest>${references.join('')}</Manifest>` +
    `<SignatureProperties><SignatureProperty Id="idSignatureTime" Target="#idPackageSignature">` +
    `<mdssi:SignatureTime xmlns:mdssi="${DSIG.mdssi}"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>${signingTime}</mdssi:Value></mdssi:SignatureTime>` +
    `</SignatureProperty></SignatureProperties></Object>`;
  // Word expects its own details object (MS-OFFCRYPTO SignatureInfoV1). It states only what is
  // true: Samråd's version as the application's, no Windows, Office or monitor values (Samråd
  // neither runs Office nor measures screens), the default provider, a signature without a
  // visible signature line, and the manifest's hash algorithm.
  const officeObject =
    `<Object Id="idOfficeObject"><SignatureProperties><SignatureProperty Id="idOfficeV1Details" Target="#idPackageSignature">` +
    `<SignatureInfoV1 xmlns="http://schemas.microsoft.com/office/2006/digsig"><SetupID></SetupID><SignatureText></SignatureText><SignatureImage></SignatureImage>` +
    `<SignatureComments>${escapeText(statement.comment ?? '')}</SignatureComments><WindowsVersion></WindowsVersion><OfficeVersion></OfficeVersion><ApplicationVersion>${SAMRAD_VERSION}</ApplicationVersion>` +
    `<Monitors></Monitors><HorizontalResolution></HorizontalResolution><VerticalResolution></VerticalResolution><ColorDepth></ColorDepth>` +
    `<SignatureProviderId>{00000000-0000-0000-0000-000000000000}</SignatureProviderId><SignatureProviderUrl></SignatureProviderUrl>` +
    `<SignatureProviderDetails>9</SignatureProviderDetails><SignatureType>1</SignatureType><ManifestHashAlgorithm>${DSIG.sha256}</ManifestHashAlgorithm></SignatureInfoV1></SignatureProperty></SignatureProperties></Object>`;
  const signedProperties =
    `<xd:SignedProperties Id="idSignedProperties">` +
    `<xd:SignedSignatureProperties><xd:SigningTime>${signingTime}</xd:SigningTime><xd:SigningCertificate><xd:Cert>` +
    `<xd:CertDigest><DigestMethod Algorithm="${DSIG.sha256}"/><DigestValue>${certDigest}</DigestValue></xd:CertDigest>` +
    `<xd:IssuerSerial><X509IssuerName>${escapeText(rfc4514(cert.issuer))}</X509IssuerName><X509SerialNumber>${serial}</X509SerialNumber></xd:IssuerSerial>` +
    `</xd:Cert></xd:SigningCertificate><xd:SignaturePolicyIdentifier><xd:SignaturePolicyImplied></xd:SignaturePolicyImplied></xd:SignaturePolicyIdentifier>` +
    (statement.role
      ? `<xd:SignerRole><xd:ClaimedRoles><xd:ClaimedRole>${escapeText(statement.role)}</xd:ClaimedRole></xd:ClaimedRoles></xd:SignerRole>`
      : '') +
    `</xd:SignedSignatureProperties>` +
    (statement.commitment
      ? `<xd:SignedDataObjectProperties><xd:CommitmentTypeIndication><xd:CommitmentTypeId><xd:Identifier>${COMMITMENT_TYPES[statement.commitment]}</xd:Identifier></xd:CommitmentTypeId><xd:AllSignedDataObjects></xd:AllSignedDataObjects>` +
        (statement.comment
          ? `<xd:CommitmentTypeQualifiers><xd:CommitmentTypeQualifier>${escapeText(statement.comment)}</xd:CommitmentTypeQualifier></xd:CommitmentTypeQualifiers>`
          : '') +
        `</xd:CommitmentTypeIndication></xd:SignedDataObjectProperties>`
      : '') +
    `</xd:SignedProperties>`;
  const xadesObject = `<Object><xd:QualifyingProperties xmlns:xd="${DSIG.xades}" Target="#idPackageSignature">${signedProperties}</xd:QualifyingProperties></Object>`;
  const keyInfo = `<KeyInfo><X509Data>${[cert, ...(identity.chain ?? [])].map((c) => `<X509Certificate>${c.raw.toString('base64')}</X509Certificate>`).join('')}</X509Data></KeyInfo>`;
  const envelope = (signedInfo: string, value: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Signature xmlns="${DSIG.ns}" Id="idPackageSignature">${signedInfo}<SignatureValue>${value}</SignatureValue>${keyInfo}${packageObject}${officeObject}${xadesObject}</Signature>`;

  // The canonical forms are derived from our own serialisation (see canonicalOwn); the
  // verifier and xmlsec1 recompute them from the parsed XML, so the tests catch any drift.
  const dsigNs = ` xmlns="${DSIG.ns}"`;
  const signedInfo =
    `<SignedInfo><CanonicalizationMethod Algorithm="${DSIG.c14n}"/><SignatureMethod Algorithm="${algorithm.uri}"/>` +
    reference('#idPackageObject', sha256(canonicalOwn(packageObject, dsigNs)), '', DSIG.objectType) +
    reference('#idOfficeObject', sha256(canonicalOwn(officeObject, dsigNs)), '', DSIG.objectType) +
    reference(
      '#idSignedProperties',
      sha256(canonicalOwn(signedProperties, `${dsigNs} xmlns:xd="${DSIG.xades}"`)),
      `<Transform Algorithm="${DSIG.c14n}"/>`,
      DSIG.signedPropertiesType,
    ) +
    `</SignedInfo>`;
  const signatureValue = algorithm.sign(canonicalOwn(signedInfo, dsigNs));

  if (!parts.has(originPart)) parts.set(originPart, new Uint8Array(0));
  const originRelsPart = relsPartOf(originPart);
  const originRels = parts.has(originRelsPart) ? parseRelationships(parts.get(originRelsPart)!, originRelsPart) : [];
  let id = originRels.length + 1;
  while (originRels.some((r) => r.id === `rId${id}`)) id++;
  originRels.push({
    id: `rId${id}`,
    type: OPC.signatureRel,
    target: relativeTo(originPart, signaturePart),
    targetMode: 'Internal',
  });
  parts.set(originRelsPart, serialiseRelationships(originRels));
  parts.set(signaturePart, utf8.encode(envelope(signedInfo, signatureValue)));
  parts.set(CONTENT_TYPES_PART, serialiseContentTypes(types));

  return zipPackage(parts);
}

/** A relationship target from `source`'s folder to `target` (both in the signature folder here). */
function relativeTo(source: string, target: string): string {
  const folder = source.slice(0, source.lastIndexOf('/') + 1);
  return target.startsWith(folder) ? target.slice(folder.length) : `/${target}`;
}
