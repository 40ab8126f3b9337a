import forge from 'node-forge';

/** Small helpers over node-forge's ASN.1 for the RFC 3161 structures (forge has no TSP support). */
export type Asn1 = forge.asn1.Asn1;

const { Class, Type } = forge.asn1;

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentTypeAttribute: '1.2.840.113549.1.9.3',
  messageDigestAttribute: '1.2.840.113549.1.9.4',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** node:crypto's name of a digest algorithm OID; null for one Samråd does not accept. */
export const DIGEST_NAMES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

export const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
export const fromBinary = (text: string) => Buffer.from(text, 'binary');

/** Parses DER strictly: a trailing byte or a length that runs past the end is an error. */
export function parseDer(bytes: Uint8Array): Asn1 {
  return (forge.asn1.fromDer as unknown as (b: string, o: object) => Asn1)(binary(bytes), {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
  });
}

export const toDer = (node: Asn1) => fromBinary(forge.asn1.toDer(node).getBytes());

export function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Asn1[]) : [];
}

export const isUniversal = (node: Asn1 | undefined, type: forge.asn1.Type) =>
  node !== undefined && node.tagClass === Class.UNIVERSAL && node.type === type;

export const isContext = (node: Asn1 | undefined, tag: number) =>
  node !== undefined && node.tagClass === Class.CONTEXT_SPECIFIC && node.type === (tag as forge.asn1.Type);

export function oidOf(node: Asn1 | undefined): string | null {
  return isUniversal(node, Type.OID) ? forge.asn1.derToOid(node!.value as string) : null;
}

export const bytesOf = (node: Asn1 | undefined) =>
  node && typeof node.value === 'string' ? fromBinary(node.value) : Buffer.alloc(0);

/** An INTEGER's content octets as unsigned hex, without leading zero bytes (for comparing serials and nonces). */
export function integerHex(node: Asn1 | undefined): string | null {
  if (!isUniversal(node, Type.INTEGER)) return null;
  return bytesOf(node)
    .toString('hex')
    .replace(/^(00)+(?=.)/, '');
}

export const sequence = (items: Asn1[]) => forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
export const oid = (value: string) =>
  forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(value).getBytes());
export const nullValue = () => forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
export const octets = (bytes: Uint8Array) => forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(bytes));
export const integerFromBytes = (bytes: Uint8Array) =>
  forge.asn1.create(Class.UNIVERSAL, Type.INTEGER, false, binary(bytes));
export const boolean = (value: boolean) =>
  forge.asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, String.fromCharCode(value ? 0xff : 0));

export { Class, Type };
