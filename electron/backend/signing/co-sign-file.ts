import { readPkcs12 } from './certificates/pkcs12';
import { assertValidAt } from './certificates/validity';
import { certificateInfo } from './certificates/certificate-info';
import { addSignature } from './add-signature';
import type { TrustedTimeRequest } from './timestamp/trusted-time';
import type { SignatureStatement } from './opc/sign-package';
import { writeExportFile } from '../export/write-file';

/**
 * Adds a co-signature to any .docx, signed or not, with the certificate and key of a PKCS#12
 * file: what a signatory away from the organisation's Samråd does ("Sign a document",
 * `samrad sign`). The signature states proof of approval; an expired or not-yet-valid
 * certificate, a wrong password or a file without a key is refused before anything is written,
 * and so is a TSA failure when a timestamp is asked for (TIMESTAMP_FAILED).
 */
export async function coSignWithPkcs12(
  document: Uint8Array,
  pkcs12: Uint8Array,
  password: string,
  statement: Omit<SignatureStatement, 'commitment'>,
  now: Date,
  trustedTime: TrustedTimeRequest,
): Promise<Uint8Array> {
  const identity = readPkcs12(pkcs12, password);
  assertValidAt(certificateInfo(identity.certificate), now);
  return (await addSignature(document, identity, now, { ...statement, commitment: 'approval' }, trustedTime)).bytes;
}

/** The same, written to a new file (never over an existing one): `samrad sign … --out FILE`. */
export async function coSignToFile(
  document: Uint8Array,
  pkcs12: Uint8Array,
  password: string,
  statement: Omit<SignatureStatement, 'commitment'>,
  now: Date,
  trustedTime: TrustedTimeRequest,
  target: string,
): Promise<{ path: string; sha256: string }> {
  return writeExportFile(target, await coSignWithPkcs12(document, pkcs12, password, statement, now, trustedTime));
}
