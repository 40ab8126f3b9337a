import type { Ctx } from '../context';
import type { KnownSigner, VerifyReport } from '../../../shared/contract/signing';
import { certificateHolder } from './personal/person-certificates';
import { AppError } from '../../../shared/errors';
import crypto from 'node:crypto';
import { trustedCertificates } from './certificates/store';
import { readCertificateFile } from './certificates/pkcs12';
import { verifyPackage, type VerifyOptions } from './opc/verify-package';

/** Checks the package signatures of a .docx against the given trusted certificates. */
export function verifyDocx(bytes: Uint8Array, options: VerifyOptions = {}): VerifyReport {
  return verifyPackage(bytes, options);
}

/**
 * The same, trusting the certificates the user has marked trusted in this database, and naming
 * the person here who holds each signer's certificate (people's certificates, by fingerprint).
 */
export function verifyWithStore(ctx: Ctx, bytes: Uint8Array, alsoTrusted: string[] = []): VerifyReport {
  return verifyDocx(bytes, { trusted: trustedFor(ctx, alsoTrusted), knownSigner: (fp) => knownSigner(ctx, fp) });
}

function knownSigner(ctx: Ctx, fingerprint: string): KnownSigner | null {
  const holder = certificateHolder(ctx, fingerprint);
  if (!holder) return null;
  const name = ctx.db.prepare('SELECT name FROM person WHERE id = ?').pluck().get(holder.person_id) as string;
  return { personId: holder.person_id, name };
}

/** The certificates given for one check (CA files, base64), then those this database trusts. */
export function trustedFor(ctx: Ctx, alsoTrusted: string[]): crypto.X509Certificate[] {
  return [
    ...alsoTrusted.map((file, i) => readCertificateFile(decodeBase64File(file), `alsoTrusted.${i}`)),
    ...trustedCertificates(ctx),
  ];
}

export function decodeBase64File(fileBase64: string): Uint8Array {
  const bytes = Buffer.from(fileBase64.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0)
    throw new AppError('VALIDATION', 'The file is empty', { fields: { fileBase64: 'signing.validation.empty_file' } });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
