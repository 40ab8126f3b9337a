import { AppError } from '../../../shared/errors';
import { readPkcs12 } from './certificates/pkcs12';
import { assertValidAt } from './certificates/validity';
import { certificateInfo } from './certificates/certificate-info';
import { addSignature } from './add-signature';
import type { TrustedTimeRequest } from './timestamp/trusted-time';
import type { SignatureStatement, SigningIdentity } from './opc/sign-package';
import { verifyPackage } from './opc/verify-package';
import type { VerifyReport } from '../../../shared/contract/signing';
import { writeExportFile } from '../export/write-file';

/** The signatures of a report whose signed content is intact (value and every reference). */
function holding(report: VerifyReport): Set<string> {
  return new Set(
    report.signatures.filter((s) => s.signatureValueOk && s.references.every((r) => r.ok)).map((s) => s.part),
  );
}

/**
 * Adds the signer's co-signature (proof of approval) to any .docx, signed or not: what a
 * signatory does on the "Sign a document" page and with `samrad sign`. An expired or
 * not-yet-valid certificate, or a file that is not a Word document, is refused before anything
 * is signed; a signature that would change a part an earlier signature covers (a package
 * another tool signed without a signature origin, say) is refused, naming what it would break.
 * When a timestamp is asked for and the TSA fails, TIMESTAMP_FAILED and nothing comes back.
 */
export async function coSignDocument(
  document: Uint8Array,
  identity: SigningIdentity,
  statement: Omit<SignatureStatement, 'commitment'>,
  now: Date,
  trustedTime: TrustedTimeRequest,
): Promise<Uint8Array> {
  assertValidAt(certificateInfo(identity.certificate), now);
  const before = holding(verifyPackage(document));
  const { bytes: signed } = await addSignature(
    document,
    identity,
    now,
    { ...statement, commitment: 'approval' },
    trustedTime,
  );
  const after = holding(verifyPackage(signed));
  const broken = [...before].filter((part) => !after.has(part));
  if (broken.length > 0)
    throw new AppError('VALIDATION', `Signing would change content that ${broken.join(', ')} covers`, {
      params: { reason: 'signing.errors.would_change_signed_part', parts: broken.join(', ') },
    });
  return signed;
}

/** The same with the certificate and key of a PKCS#12 file (wrong password or no key: refused). */
export async function coSignWithPkcs12(
  document: Uint8Array,
  pkcs12: Uint8Array,
  password: string,
  statement: Omit<SignatureStatement, 'commitment'>,
  now: Date,
  trustedTime: TrustedTimeRequest,
): Promise<Uint8Array> {
  return coSignDocument(document, readPkcs12(pkcs12, password), statement, now, trustedTime);
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
