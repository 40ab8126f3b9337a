import { partsOfPacked, zipPackage } from '../../export/pack';
import { AppError } from '../../../../shared/errors';
import { elementsByName, parseXml } from '../opc/package';
import { safeUnzip } from '../opc/safe-unzip';
import { DSIG, canonicalise } from '../opc/xml-c14n';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/**
 * What a XAdES SignatureTimeStamp times: the ds:SignatureValue element, canonicalised with the
 * stated method (inclusive C14N 1.0, the one Samråd writes and reads), as UTF-8 bytes.
 */
export function signatureValueToTime(signature: Element): Uint8Array | null {
  const value = elementsByName(signature, DSIG.ns, 'SignatureValue')[0];
  return value ? utf8.encode(canonicalise(value)) : null;
}

/**
 * The signature XML with a SignatureTimeStamp added as XAdES unsigned property (XAdES-T),
 * inserted as text so that every signed element stays byte for byte as it was.
 */
export function withSignatureTimestamp(signatureXml: string, token: Uint8Array): string {
  const closing = /<\/((?:[\w.-]+:)?)QualifyingProperties>/.exec(signatureXml);
  if (!closing || signatureXml.includes('UnsignedProperties>'))
    throw new AppError('INVALID_STATE', 'The signature has no XAdES properties to add a timestamp to, or has one', {
      params: { reason: 'signing.errors.cannot_timestamp' },
    });
  const xd = closing[1];
  const stamp =
    `<${xd}UnsignedProperties><${xd}UnsignedSignatureProperties><${xd}SignatureTimeStamp Id="idSignatureTimeStamp">` +
    `<CanonicalizationMethod xmlns="${DSIG.ns}" Algorithm="${DSIG.c14n}"/>` +
    `<${xd}EncapsulatedTimeStamp>${Buffer.from(token).toString('base64')}</${xd}EncapsulatedTimeStamp>` +
    `</${xd}SignatureTimeStamp></${xd}UnsignedSignatureProperties></${xd}UnsignedProperties>`;
  return signatureXml.slice(0, closing.index) + stamp + signatureXml.slice(closing.index);
}

/**
 * Turns one package signature into XAdES-T: asks `timestamp` (an RFC 3161 client) for a token
 * over its SignatureValue and writes it into the signature part. Other parts, and the signed
 * content of every signature, stay byte for byte. Nothing is written when `timestamp` fails.
 */
export async function timestampPackageSignature(
  bytes: Uint8Array,
  signaturePart: string,
  timestamp: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const packed = partsOfPacked(bytes);
  const parts = packed ? new Map(packed) : safeUnzip(bytes);
  const xml = parts.get(signaturePart);
  if (!xml)
    throw new AppError('INVALID_STATE', `The package has no signature ${signaturePart}`, {
      params: { reason: 'signing.errors.cannot_timestamp' },
    });
  const source = text.decode(xml);
  const data = signatureValueToTime(parseXml(source, signaturePart).documentElement!);
  if (!data)
    throw new AppError('INVALID_STATE', 'The signature has no signature value', {
      params: { reason: 'signing.errors.cannot_timestamp' },
    });
  const token = await timestamp(data);
  parts.set(signaturePart, utf8.encode(withSignatureTimestamp(source, token)));
  return zipPackage(parts);
}
