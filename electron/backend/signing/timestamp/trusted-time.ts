import { partsOfPacked } from '../../export/pack';
import { safeUnzip } from '../opc/safe-unzip';
import { SIGNATURE_FOLDER } from '../opc/sign-package';
import { timestampPackageSignature } from './signature-timestamp';
import { readTimestampToken } from './token';
import { TSA_TIMEOUT_MS, requestTimestamp } from './tsa-client';

/** How a signing flow asks for trusted time. */
export interface TrustedTimeRequest {
  /** the TSA to ask (the database's setting, or a CLI flag); null: no timestamp is asked for */
  tsaUrl: string | null;
  /** the user chose, after a TSA failure, to sign without a timestamp (stated as XAdES-BES, signer's clock) */
  withoutTimestamp?: boolean;
  timeoutMs?: number;
}

/** The signature a flow just added, and the time its proof rests on. */
export interface TimedSignature {
  bytes: Uint8Array;
  /** the part the new signature is in, e.g. `_xmlsignatures/sig2.xml` */
  signaturePart: string;
  /** ISO: the TSA's time (genTime) when timestamped, else the signer's own clock */
  signingTime: string;
  timeSource: 'tsa' | 'signer_clock';
}

function signatureNames(bytes: Uint8Array): Set<string> {
  const parts = partsOfPacked(bytes) ?? safeUnzip(bytes);
  return new Set([...parts.keys()].filter((p) => p.startsWith(SIGNATURE_FOLDER) && /\/sig[^/]*\.xml$/.test(p)));
}

/**
 * The optional step after signing: when a TSA is asked for, the signature just added (the part
 * in `signed` that `unsigned` lacked) gets an RFC 3161 SignatureTimeStamp and becomes XAdES-T.
 * A TSA that is down, slow or answers garbage throws TIMESTAMP_FAILED and nothing is returned,
 * so the caller records nothing; Samråd never puts its own clock where a timestamp was asked for.
 */
export async function withTrustedTime(
  unsigned: Uint8Array,
  signed: Uint8Array,
  signedAt: Date,
  request: TrustedTimeRequest,
): Promise<TimedSignature> {
  const before = signatureNames(unsigned);
  const added = [...signatureNames(signed)].filter((p) => !before.has(p));
  if (added.length !== 1) throw new Error(`expected one new signature part, found ${added.length}`);
  const signaturePart = added[0];
  if (!request.tsaUrl || request.withoutTimestamp)
    return { bytes: signed, signaturePart, signingTime: signedAt.toISOString(), timeSource: 'signer_clock' };
  const url = request.tsaUrl;
  const tokens: Uint8Array[] = [];
  const bytes = await timestampPackageSignature(signed, signaturePart, async (data) => {
    const token = await requestTimestamp(url, data, request.timeoutMs ?? TSA_TIMEOUT_MS);
    tokens.push(token);
    return token;
  });
  // the client checked the token before handing it over: its time is the time the act is proven at
  const genTime = readTimestampToken(tokens[0]).genTime;
  return { bytes, signaturePart, signingTime: genTime.toISOString(), timeSource: 'tsa' };
}
