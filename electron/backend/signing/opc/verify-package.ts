import crypto from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type {
  CertificateInfo,
  KnownSigner,
  ReferenceCheck,
  SignatureCheck,
  VerifyReport,
} from '../../../../shared/contract/signing';
import { DEFAULT_LIMITS, bytesAfterZip, safeUnzip, type UnzipLimits } from './safe-unzip';
import {
  CONTENT_TYPES_PART,
  OPC,
  contentTypeOf,
  elementsByName,
  isRelsPart,
  parseContentTypes,
  parseRelationships,
  parseXml,
  resolveTarget,
  sourceOfRels,
  type ContentTypes,
  type Relationship,
} from './package';
import { RELATIONSHIP_TRANSFORM, relationshipTransform } from './relationship-transform';
import { DSIG, canonicalise } from './xml-c14n';
import { certificateInfo, readableName } from '../certificates/certificate-info';
import { chainToTrusted } from '../certificates/chain';
import { checkTimestampToken } from '../timestamp/token';
import { signatureValueToTime } from '../timestamp/signature-timestamp';
import { findings } from '../problems';

const OFFICE_DIGSIG = 'http://schemas.microsoft.com/office/2006/digsig';

const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  [DSIG.sha256]: 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
const SIGNATURE_METHODS: Record<string, { hash: string; ec: boolean }> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { hash: 'sha1', ec: false },
  [DSIG.rsaSha256]: { hash: 'sha256', ec: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { hash: 'sha512', ec: false },
  [DSIG.ecdsaSha256]: { hash: 'sha256', ec: true },
};
const C14N_METHODS: ReadonlySet<string> = new Set<string>([DSIG.c14n]);

/** Parts and relationships a package signature may leave out without the document changing meaning. */
const PROPERTY_RELATIONSHIPS = new Set([
  OPC.coreRel,
  OPC.extendedRel,
  OPC.originRel,
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties',
]);

export interface VerifyOptions {
  trusted?: crypto.X509Certificate[];
  limits?: UnzipLimits;
  /** the person in this database who holds the certificate with this SHA-256 fingerprint, if any */
  knownSigner?: (fingerprint: string) => KnownSigner | null;
}

function child(parent: Element, ns: string, local: string): Element | undefined {
  return Array.from(parent.childNodes as unknown as ArrayLike<Node>).find(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === ns,
  );
}

function digestOf(method: Element | undefined, data: Uint8Array | string): string | null {
  const algorithm = DIGESTS[method?.getAttribute('Algorithm') ?? ''];
  return algorithm ? crypto.createHash(algorithm).update(data).digest('base64') : null;
}

function signatureParts(parts: Map<string, Uint8Array>, types: ContentTypes): string[] {
  const found = new Set<string>();
  const packageRels = parts.has('_rels/.rels') ? parseRelationships(parts.get('_rels/.rels')!, '_rels/.rels') : [];
  for (const origin of packageRels.filter((r) => r.type === OPC.originRel)) {
    const originPart = resolveTarget('', origin.target);
    const originRels = parts.get(`${originPart.replace(/[^/]*$/, '')}_rels/${originPart.split('/').pop()}.rels`);
    if (!originRels) continue;
    for (const r of parseRelationships(originRels, originPart))
      if (r.type === OPC.signatureRel) found.add(resolveTarget(originPart, r.target));
  }
  // A signature part the origin does not point to is still reported (it will fail or be listed).
  for (const part of parts.keys()) if (contentTypeOf(types, part) === OPC.signatureContentType) found.add(part);
  return [...found].sort();
}

/** The parts and relationships an unsigned change could not touch without being noticed. */
function allowedUncovered(parts: Map<string, Uint8Array>, signatureFiles: Set<string>): Set<string> {
  const allowed = new Set<string>([CONTENT_TYPES_PART, ...signatureFiles]);
  for (const part of parts.keys()) {
    if (!isRelsPart(part)) continue;
    for (const r of parseRelationships(parts.get(part)!, part)) {
      if (r.targetMode === 'External') continue;
      const target = resolveTarget(sourceOfRels(part), r.target);
      if (PROPERTY_RELATIONSHIPS.has(r.type)) {
        allowed.add(target);
        allowed.add(`${target.replace(/[^/]*$/, '')}_rels/${target.split('/').pop()}.rels`);
      }
      if (r.type === OPC.originRel || r.type === OPC.signatureRel) {
        allowed.add(target);
        allowed.add(`${target.replace(/[^/]*$/, '')}_rels/${target.split('/').pop()}.rels`);
      }
    }
  }
  return allowed;
}

interface ManifestResult {
  references: ReferenceCheck[];
  coveredParts: Set<string>;
  coveredRelationships: Map<string, Set<string>>;
}

function checkManifest(manifest: Element, parts: Map<string, Uint8Array>, types: ContentTypes): ManifestResult {
  const references: ReferenceCheck[] = [];
  const coveredParts = new Set<string>();
  const coveredRelationships = new Map<string, Set<string>>();
  for (const ref of Array.from(manifest.childNodes as unknown as ArrayLike<Node>).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Reference',
  )) {
    const uri = ref.getAttribute('URI') ?? '';
    const [rawPath, query = ''] = uri.split('?', 2);
    let part: string;
    try {
      part = decodeURIComponent(rawPath.replace(/^\//, ''));
    } catch {
      references.push({ uri, part: null, ok: false, problem: 'bad_uri' });
      continue;
    }
    const data = parts.get(part);
    if (!data) {
      references.push({ uri, part, ok: false, problem: 'missing_part' });
      continue;
    }
    coveredParts.add(part);
    // not URLSearchParams: it reads '+' (as in relationships+xml) as a space
    const match = /(?:^|&)ContentType=([^&]*)/.exec(query);
    const declaredType = match ? match[1] : null;
    if (declaredType !== null && declaredType !== contentTypeOf(types, part)) {
      references.push({ uri, part, ok: false, problem: 'content_type_changed' });
      continue;
    }
    const transforms = child(ref, DSIG.ns, 'Transforms');
    const algorithms = transforms
      ? Array.from(transforms.childNodes as unknown as ArrayLike<Node>)
          .filter((n): n is Element => n.nodeType === 1)
          .map((t) => t)
      : [];
    let input: Uint8Array | string = data;
    let problem: ReferenceCheck['problem'] | null = null;
    for (const transform of algorithms) {
      const algorithm = transform.getAttribute('Algorithm');
      if (algorithm === RELATIONSHIP_TRANSFORM && isRelsPart(part)) {
        const sourceIds: string[] = [];
        const sourceTypes: string[] = [];
        for (const sel of Array.from(transform.childNodes as unknown as ArrayLike<Node>).filter(
          (n): n is Element => n.nodeType === 1,
        )) {
          if (sel.localName === 'RelationshipReference') sourceIds.push(sel.getAttribute('SourceId') ?? '');
          if (sel.localName === 'RelationshipsGroupReference') sourceTypes.push(sel.getAttribute('SourceType') ?? '');
        }
        let relationships: Relationship[];
        try {
          relationships = parseRelationships(data, part);
        } catch {
          problem = 'digest_mismatch';
          break;
        }
        const covered = coveredRelationships.get(part) ?? new Set<string>();
        for (const r of relationships) if (sourceIds.includes(r.id) || sourceTypes.includes(r.type)) covered.add(r.id);
        coveredRelationships.set(part, covered);
        input = relationshipTransform(relationships, { sourceIds, sourceTypes });
      } else if (algorithm && C14N_METHODS.has(algorithm) && typeof input === 'string') {
        // the relationship transform already gives canonical XML
      } else {
        problem = 'unsupported_transform';
        break;
      }
    }
    if (!problem) {
      const digest = digestOf(child(ref, DSIG.ns, 'DigestMethod'), input);
      if (digest === null) problem = 'unsupported_algorithm';
      else if (digest !== (child(ref, DSIG.ns, 'DigestValue')?.textContent ?? '').replace(/\s+/g, ''))
        problem = 'digest_mismatch';
    }
    references.push(problem ? { uri, part, ok: false, problem } : { uri, part, ok: true, problem: null });
  }
  return { references, coveredParts, coveredRelationships };
}

function checkSignature(
  part: string,
  xml: Uint8Array,
  parts: Map<string, Uint8Array>,
  types: ContentTypes,
  options: VerifyOptions,
  allowed: Set<string>,
): SignatureCheck {
  const found = findings();
  const result: SignatureCheck = {
    part,
    valid: false,
    signatureValueOk: false,
    certificate: null,
    chain: [],
    signingTime: null,
    signatureTime: null,
    certificateValidAtSigning: false,
    signingCertificateOk: null,
    trusted: false,
    trustedBy: null,
    level: 'XMLDSig',
    timeSource: 'none',
    timestamp: null,
    role: null,
    commitment: null,
    comment: null,
    knownSigner: null,
    references: [],
    coveredParts: [],
    uncoveredParts: [],
    uncoveredRelationships: [],
    problems: found.problems,
    issues: found.issues,
  };
  let doc: Document;
  try {
    doc = parseXml(xml, part);
  } catch {
    found.add('not_well_formed', { part });
    return result;
  }
  const signature = doc.documentElement;
  if (!signature || signature.localName !== 'Signature' || signature.namespaceURI !== DSIG.ns) {
    found.add('not_a_signature', { part });
    return result;
  }
  const signedInfo = child(signature, DSIG.ns, 'SignedInfo');
  const certificates = elementsByName(signature, DSIG.ns, 'X509Certificate').flatMap((e) => {
    try {
      return [new crypto.X509Certificate(Buffer.from((e.textContent ?? '').replace(/\s+/g, ''), 'base64'))];
    } catch {
      return [];
    }
  });
  const signer = certificates[0];
  if (!signedInfo || !signer) {
    found.add(!signedInfo ? 'no_signed_info' : 'no_certificate');
    return result;
  }
  result.certificate = certificateInfo(signer);
  result.chain = certificates.slice(1).map(certificateInfo);
  result.knownSigner = options.knownSigner?.(signer.fingerprint256) ?? null;
  const firstText = (ns: string, local: string) => elementsByName(signature, ns, local)[0]?.textContent?.trim() || null;
  result.role = firstText(DSIG.xades, 'ClaimedRole');
  result.commitment = firstText(DSIG.xades, 'Identifier');
  result.comment = firstText(OFFICE_DIGSIG, 'SignatureComments');

  // 1. the signature value over SignedInfo
  const c14nMethod = child(signedInfo, DSIG.ns, 'CanonicalizationMethod')?.getAttribute('Algorithm') ?? '';
  const method = SIGNATURE_METHODS[child(signedInfo, DSIG.ns, 'SignatureMethod')?.getAttribute('Algorithm') ?? ''];
  const value = Buffer.from(
    (child(signature, DSIG.ns, 'SignatureValue')?.textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  if (!C14N_METHODS.has(c14nMethod) || !method) {
    found.add('unsupported_algorithm');
  } else {
    try {
      result.signatureValueOk = crypto.verify(
        method.hash,
        Buffer.from(canonicalise(signedInfo), 'utf8'),
        method.ec ? { key: signer.publicKey, dsaEncoding: 'ieee-p1363' } : signer.publicKey,
        value,
      );
    } catch {
      result.signatureValueOk = false;
    }
    if (!result.signatureValueOk) found.add('signature_value_mismatch');
  }

  // 2. the references of SignedInfo, and the manifest of package parts inside the signed object
  const elementsWithId = new Map<string, Element>();
  for (const e of Array.from(signature.getElementsByTagName('*') as unknown as ArrayLike<Element>)) {
    const id = e.getAttribute('Id');
    if (id) elementsWithId.set(id, elementsWithId.has(id) ? (null as never) : e);
  }
  const coveredParts = new Set<string>();
  const coveredRelationships = new Map<string, Set<string>>();
  let manifestSeen = false;
  for (const ref of Array.from(signedInfo.childNodes as unknown as ArrayLike<Node>).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Reference',
  )) {
    const uri = ref.getAttribute('URI') ?? '';
    const target = uri.startsWith('#') ? elementsWithId.get(uri.slice(1)) : undefined;
    if (!target) {
      result.references.push({ uri, part: null, ok: false, problem: 'unresolved' });
      continue;
    }
    const transforms = child(ref, DSIG.ns, 'Transforms');
    const unsupported =
      transforms &&
      Array.from(transforms.childNodes as unknown as ArrayLike<Node>).some(
        (t) => t.nodeType === 1 && !C14N_METHODS.has((t as Element).getAttribute('Algorithm') ?? ''),
      );
    const digest = unsupported ? null : digestOf(child(ref, DSIG.ns, 'DigestMethod'), canonicalise(target));
    const ok =
      digest !== null && digest === (child(ref, DSIG.ns, 'DigestValue')?.textContent ?? '').replace(/\s+/g, '');
    result.references.push({
      uri,
      part: null,
      ok,
      problem: ok ? null : digest === null ? 'unsupported_transform' : 'digest_mismatch',
    });
    for (const manifest of elementsByName(target, DSIG.ns, 'Manifest')) {
      manifestSeen = true;
      const checked = checkManifest(manifest, parts, types);
      result.references.push(...checked.references);
      for (const p of checked.coveredParts) coveredParts.add(p);
      for (const [p, ids] of checked.coveredRelationships)
        coveredRelationships.set(p, new Set([...(coveredRelationships.get(p) ?? []), ...ids]));
    }
  }
  if (!manifestSeen) found.add('covers_nothing');
  result.coveredParts = [...coveredParts].sort();
  const signedPropertiesCovered = result.references.some(
    (r) => r.ok && elementsWithId.get(r.uri.slice(1))?.localName === 'SignedProperties',
  );
  for (const r of result.references.filter((x) => !x.ok)) {
    if (r.part)
      found.add(
        r.problem === 'missing_part'
          ? 'part_removed'
          : r.problem === 'content_type_changed'
            ? 'content_type_changed'
            : 'part_changed',
        { part: r.part },
      );
    else found.add(r.problem === 'unresolved' ? 'reference_unresolved' : 'properties_changed', { uri: r.uri });
  }

  // 3. what the signature leaves out
  // an uncovered .rels part is harmless while it holds no relationship that matters
  const carriesRelationships = (p: string) =>
    parseRelationships(parts.get(p)!, p).some((r) => !PROPERTY_RELATIONSHIPS.has(r.type));
  result.uncoveredParts = [...parts.keys()]
    .filter((p) => !coveredParts.has(p) && !allowed.has(p) && (!isRelsPart(p) || carriesRelationships(p)))
    .sort();
  for (const p of result.uncoveredParts) found.add('part_not_covered', { part: p });
  for (const [relsPart, ids] of coveredRelationships) {
    for (const r of parseRelationships(parts.get(relsPart)!, relsPart)) {
      if (!ids.has(r.id) && !PROPERTY_RELATIONSHIPS.has(r.type))
        result.uncoveredRelationships.push(`${relsPart}#${r.id}`);
    }
  }
  for (const r of result.uncoveredRelationships) found.add('relationship_not_covered', { relationship: r });
  // every .rels part of a signed part must itself be covered, or new relationships could be slipped in
  for (const p of coveredParts) {
    const rels = `${p.replace(/[^/]*$/, '')}_rels/${p.split('/').pop()}.rels`;
    if (
      !isRelsPart(p) &&
      parts.has(rels) &&
      !coveredRelationships.has(rels) &&
      !allowed.has(rels) &&
      carriesRelationships(rels)
    ) {
      if (!result.uncoveredParts.includes(rels)) {
        result.uncoveredParts.push(rels);
        found.add('part_not_covered', { part: rels });
      }
    }
  }

  // 4. times, the timestamp and the signing certificate
  const xadesTime = elementsByName(signature, DSIG.xades, 'SigningTime')[0]?.textContent?.trim() ?? null;
  const signatureTime = elementsByName(signature, DSIG.mdssi, 'Value')[0]?.textContent?.trim() ?? null;
  result.signingTime = xadesTime ?? signatureTime;
  result.signatureTime = signatureTime;
  if (signedPropertiesCovered) result.level = 'XAdES-BES';
  const stamp = elementsByName(signature, DSIG.xades, 'SignatureTimeStamp')[0];
  if (stamp) {
    result.level = 'XAdES-T';
    const encapsulated = elementsByName(stamp, DSIG.xades, 'EncapsulatedTimeStamp')[0];
    const timed = signatureValueToTime(signature);
    result.timestamp = checkTimestampToken(
      Buffer.from((encapsulated?.textContent ?? '').replace(/\s+/g, ''), 'base64'),
      timed ?? new Uint8Array(0),
      options.trusted ?? [],
    );
    found.addAll(result.timestamp);
  }
  const stampHolds = result.timestamp !== null && result.timestamp.problems.length === 0;
  result.timeSource = stampHolds ? 'timestamp' : result.signingTime ? 'signer_clock' : 'none';
  // with a timestamp that holds, the certificate must have been valid at the time it proves
  const at = stampHolds ? new Date(result.timestamp!.time!) : result.signingTime ? new Date(result.signingTime) : null;
  if (at && !Number.isNaN(at.getTime())) {
    result.certificateValidAtSigning = at >= new Date(signer.validFrom) && at <= new Date(signer.validTo);
    if (!result.certificateValidAtSigning) found.add('certificate_not_valid_at_signing');
  } else {
    found.add('no_signing_time');
  }
  const certDigest = elementsByName(signature, DSIG.xades, 'CertDigest')[0];
  if (certDigest) {
    const expected = digestOf(child(certDigest, DSIG.ns, 'DigestMethod'), signer.raw);
    result.signingCertificateOk =
      expected !== null &&
      expected === (child(certDigest, DSIG.ns, 'DigestValue')?.textContent ?? '').replace(/\s+/g, '');
    if (!result.signingCertificateOk) found.add('signing_certificate_mismatch');
  }

  // 5. trust: does the signer chain to a certificate the user trusts?
  const trust = chainToTrusted(signer, certificates.slice(1), options.trusted ?? []);
  result.trusted = trust !== null;
  result.trustedBy = trust ? readableName(trust.subject) : null;

  result.valid = found.problems.length === 0;
  return result;
}

/**
 * Trust first: an intact signature by a certificate that chains to no trusted CA proves only
 * that someone with that key signed — a look-alike certificate with the same names is not the
 * organisation. So "valid" alone is never the answer a person or a script gets.
 */
function verdictOf(signed: boolean, valid: boolean, signatures: SignatureCheck[]): VerifyReport['verdict'] {
  if (!signed) return 'unsigned';
  if (!valid) return 'invalid';
  return signatures.every((s) => s.trusted && (s.timestamp === null || s.timestamp.trusted)) ? 'trusted' : 'untrusted';
}

/** Checks every package signature of a .docx. Throws only when the file cannot be read at all. */
export function verifyPackage(bytes: Uint8Array, options: VerifyOptions = {}): VerifyReport {
  const parts = safeUnzip(bytes, options.limits ?? DEFAULT_LIMITS);
  const types = parseContentTypes(parts);
  if (!parts.has('_rels/.rels'))
    throw new AppError('VALIDATION', 'The package has no relationships: not a Word document', {
      params: { reason: 'signing.errors.not_docx' },
    });
  const signatureFiles = signatureParts(parts, types);
  const allowed = allowedUncovered(parts, new Set(signatureFiles));
  const signatures = signatureFiles
    .filter((p) => parts.has(p))
    .map((p) => checkSignature(p, parts.get(p)!, parts, types, options, allowed));
  const found = findings();
  const trailing = bytesAfterZip(bytes);
  if (trailing > 0) found.add('trailing_bytes', { bytes: String(trailing) });
  const signed = signatures.length > 0;
  const valid = signed && found.problems.length === 0 && signatures.every((s) => s.valid);
  return {
    verdict: verdictOf(signed, valid, signatures),
    signed,
    valid,
    parts: [...parts.keys()].sort(),
    problems: found.problems,
    issues: found.issues,
    signatures,
  };
}

export type { CertificateInfo };
