import type { Ctx } from '../context';
import type { VerifyReport } from '../../../shared/contract/signing';
import { AppError } from '../../../shared/errors';
import { trustedCertificates } from './certificates/store';
import { verifyPackage, type VerifyOptions } from './opc/verify-package';

/** Checks the package signatures of a .docx against the given trusted certificates. */
export function verifyDocx(bytes: Uint8Array, options: VerifyOptions = {}): VerifyReport {
  return verifyPackage(bytes, options);
}

/** The same, trusting the certificates the user has marked trusted in this database. */
export function verifyWithStore(ctx: Ctx, bytes: Uint8Array): VerifyReport {
  return verifyDocx(bytes, { trusted: trustedCertificates(ctx) });
}

export function decodeBase64File(fileBase64: string): Uint8Array {
  const bytes = Buffer.from(fileBase64.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0)
    throw new AppError('VALIDATION', 'The file is empty', { fields: { fileBase64: 'signing.validation.empty_file' } });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
