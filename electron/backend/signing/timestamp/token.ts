import crypto from 'node:crypto';
import forge from 'node-forge';
import type { TimestampCheck } from '../../../../shared/contract/signing';
import { certificateInfo, readableName } from '../certificates/certificate-info';
import { chainToTrusted } from '../certificates/chain';
import { findings } from '../problems';
import {
  DIGEST_NAMES,
  OID,
  Type,
  bytesOf,
  children,
  integerHex,
  isContext,
  isUniversal,
  oidOf,
  parseDer,
  toDer,
  type Asn1,
} from './asn1';

/** What an RFC 3161 TimeStampToken (CMS SignedData over a TSTInfo) says, read but not yet checked. */
export interface TimestampToken {
  genTime: Date;
  hashAlgorithm: string;
  hashedMessage: Buffer;
  nonceHex: string | null;
  certificates: crypto.X509Certificate[];
  signer: {
    serialHex: string | null;
    digestAlgorithm: string | null;
    signedAttributes: Asn1 | null;
    signatureAlgorithm: string | null;
    signature: Buffer;
  };
  tstInfoDer: Buffer;
}

class Unreadable extends Error {}

function need<T>(value: T | null | undefined | false, what: string): T {
  if (value === null || value === undefined || value === false) throw new Unreadable(what);
  return value;
}

/** Reads a TimeStampToken; throws an Error naming what is missing when it is not one. */
export function readTimestampToken(der: Uint8Array): TimestampToken {
  let root: Asn1;
  try {
    root = parseDer(der);
  } catch {
    throw new Unreadable('the timestamp token is not DER');
  }
  const [contentType, wrapped] = children(root);
  need(oidOf(contentType) === OID.signedData, 'the timestamp token is not CMS SignedData');
  const signedData = need(isContext(wrapped, 0) && children(wrapped)[0], 'the timestamp token has no content');
  const fields = children(signedData);
  const encapsulated = need(
    fields.find((f) => isUniversal(f, Type.SEQUENCE) && oidOf(children(f)[0]) !== null),
    'no content',
  );
  need(oidOf(children(encapsulated)[0]) === OID.tstInfo, 'the timestamp token does not hold a TSTInfo');
  const eContent = need(
    isContext(children(encapsulated)[1], 0) && children(children(encapsulated)[1])[0],
    'no TSTInfo',
  );
  const tstInfoDer = bytesOf(eContent);
  const tstInfo = children(parseDer(tstInfoDer));
  const imprint = children(tstInfo[2]);
  const hashAlgorithm = need(DIGEST_NAMES[oidOf(children(imprint[0])[0]) ?? ''], 'unsupported message imprint hash');
  const genTimeNode = need(
    tstInfo.find((f) => isUniversal(f, Type.GENERALIZEDTIME)),
    'no genTime',
  );
  const genTime = forge.asn1.generalizedTimeToDate(genTimeNode.value as string);
  need(!Number.isNaN(genTime.getTime()), 'unreadable genTime');
  // after genTime: accuracy (SEQUENCE), ordering (BOOLEAN), then the nonce, the only INTEGER there
  const afterTime = tstInfo.slice(tstInfo.indexOf(genTimeNode) + 1);
  const nonceHex = integerHex(afterTime.find((f) => isUniversal(f, Type.INTEGER)));

  const certificates = children(fields.find((f) => isContext(f, 0))).flatMap((c) => {
    try {
      return [new crypto.X509Certificate(toDer(c))];
    } catch {
      return [];
    }
  });
  const signerInfos = children([...fields].reverse().find((f) => isUniversal(f, Type.SET)));
  const signerInfo = children(need(signerInfos[0], 'the timestamp token has no signer'));
  const sid = signerInfo[1];
  const serialHex = isUniversal(sid, Type.SEQUENCE) ? integerHex(children(sid)[1]) : null;
  const signedAttributes = signerInfo.find((f) => isContext(f, 0)) ?? null;
  const afterAttributes = signedAttributes ? signerInfo.slice(signerInfo.indexOf(signedAttributes) + 1) : [];
  return {
    genTime,
    hashAlgorithm,
    hashedMessage: bytesOf(imprint[1]),
    nonceHex,
    certificates,
    signer: {
      serialHex,
      digestAlgorithm: DIGEST_NAMES[oidOf(children(signerInfo[2])[0]) ?? ''] ?? null,
      signedAttributes,
      signatureAlgorithm: oidOf(children(afterAttributes[0])[0]),
      signature: bytesOf(afterAttributes[1]),
    },
    tstInfoDer,
  };
}

function attribute(attributes: Asn1, type: string): Asn1 | undefined {
  const found = children(attributes).find((a) => oidOf(children(a)[0]) === type);
  return children(children(found)[1])[0];
}

const EC_SIGNATURES = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384]);
const RSA_SIGNATURES = new Set<string>([OID.rsaEncryption, OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa]);

/** The TSA's signature over the signed attributes, which bind the TSTInfo by its digest. */
function signatureHolds(token: TimestampToken, tsa: crypto.X509Certificate): boolean {
  const { signer } = token;
  if (!signer.signedAttributes || !signer.digestAlgorithm || !signer.signatureAlgorithm) return false;
  if (!EC_SIGNATURES.has(signer.signatureAlgorithm) && !RSA_SIGNATURES.has(signer.signatureAlgorithm)) return false;
  const contentType = attribute(signer.signedAttributes, OID.contentTypeAttribute);
  const digest = bytesOf(attribute(signer.signedAttributes, OID.messageDigestAttribute));
  if (oidOf(contentType) !== OID.tstInfo) return false;
  if (!digest.equals(crypto.createHash(signer.digestAlgorithm).update(token.tstInfoDer).digest())) return false;
  // the signature is over the attributes encoded as a SET OF, not with their [0] IMPLICIT tag
  const asSet = { ...signer.signedAttributes, tagClass: forge.asn1.Class.UNIVERSAL, type: Type.SET };
  try {
    return crypto.verify(signer.digestAlgorithm, toDer(asSet as Asn1), tsa.publicKey, signer.signature);
  } catch {
    return false;
  }
}

/**
 * Checks a SignatureTimeStamp token against the data it must time (the canonical
 * SignatureValue) and the certificates the user trusts: message imprint, the TSA's signature,
 * a time-stamping certificate (extended key usage), and its chain.
 */
export function checkTimestampToken(
  der: Uint8Array,
  timedData: Uint8Array,
  trusted: crypto.X509Certificate[],
): TimestampCheck {
  const found = findings();
  const result: TimestampCheck = {
    time: null,
    authority: null,
    imprintOk: false,
    signatureOk: false,
    trusted: false,
    trustedBy: null,
    problems: found.problems,
    issues: found.issues,
  };
  let token: TimestampToken;
  try {
    token = readTimestampToken(der);
  } catch (error) {
    found.add('timestamp_unreadable', { reason: (error as Error).message });
    return result;
  }
  result.time = token.genTime.toISOString();
  result.imprintOk = token.hashedMessage.equals(crypto.createHash(token.hashAlgorithm).update(timedData).digest());
  if (!result.imprintOk) found.add('timestamp_other_data');
  const tsa =
    token.certificates.find(
      (c) =>
        token.signer.serialHex !== null &&
        c.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '') === token.signer.serialHex,
    ) ?? token.certificates.find((c) => signatureHolds(token, c));
  if (!tsa) {
    found.add('timestamp_no_authority_certificate');
    return result;
  }
  result.authority = certificateInfo(tsa);
  result.signatureOk = signatureHolds(token, tsa);
  if (!result.signatureOk) found.add('timestamp_signature_fails');
  if (!(tsa.keyUsage ?? []).includes(OID.timeStamping)) found.add('timestamp_not_for_time_stamping');
  const at = token.genTime;
  if (at < new Date(tsa.validFrom) || at > new Date(tsa.validTo)) found.add('timestamp_certificate_not_valid');
  const anchor = chainToTrusted(
    tsa,
    token.certificates.filter((c) => c !== tsa),
    trusted,
  );
  result.trusted = anchor !== null;
  result.trustedBy = anchor ? readableName(anchor.subject) : null;
  return result;
}
