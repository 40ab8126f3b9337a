import crypto from 'node:crypto';
import { AppError } from '../../../../shared/errors';

/**
 * How a private key is kept at rest: PKCS#8 DER encrypted with AES-256-GCM under a key
 * derived from the keystore passphrase with scrypt. The envelope is JSON so the database
 * can check its shape (migration 004 refuses anything else).
 *
 * The desktop app may remember the passphrase itself, wrapped with Electron's safeStorage, and
 * unlock through the ordinary `certificates.unlock` at start (electron/main/keystore-safe-storage.ts);
 * the backend never needs 'electron' and never writes the passphrase anywhere.
 */
export interface KeyEnvelope {
  v: 1;
  kdf: 'scrypt';
  cipher: 'aes-256-gcm';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };

function derive(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
}

export function sealBytes(plain: Uint8Array, passphrase: string): KeyEnvelope {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', derive(passphrase, salt, SCRYPT), iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    v: 1,
    kdf: 'scrypt',
    cipher: 'aes-256-gcm',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export function wrongPassphrase(): AppError {
  return new AppError('VALIDATION', 'The passphrase is not correct', {
    fields: { passphrase: 'signing.validation.wrong_passphrase' },
  });
}

export function openBytes(envelope: KeyEnvelope, passphrase: string): Buffer {
  if (envelope.kdf !== 'scrypt' || envelope.cipher !== 'aes-256-gcm')
    throw new AppError('INVALID_STATE', 'Unknown key protection', {
      params: { reason: 'signing.errors.unknown_protection' },
    });
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    derive(passphrase, Buffer.from(envelope.salt, 'base64'), envelope),
    Buffer.from(envelope.iv, 'base64'),
  );
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
  } catch {
    throw wrongPassphrase();
  }
}

export function sealPrivateKey(key: crypto.KeyObject, passphrase: string): string {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  try {
    return JSON.stringify(sealBytes(der, passphrase));
  } finally {
    der.fill(0);
  }
}

/** sealPrivateKey with scrypt on libuv's thread pool: the dispatcher's thread stays free for other calls. */
export async function sealPrivateKeyAsync(key: crypto.KeyObject, passphrase: string): Promise<string> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  try {
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const derived = await new Promise<Buffer>((resolve, reject) =>
      crypto.scrypt(
        passphrase.normalize('NFC'),
        salt,
        32,
        { ...SCRYPT, maxmem: 128 * SCRYPT.N * SCRYPT.r * 2 },
        (error, k) => (error ? reject(error) : resolve(k)),
      ),
    );
    const cipher = crypto.createCipheriv('aes-256-gcm', derived, iv);
    const data = Buffer.concat([cipher.update(der), cipher.final()]);
    const envelope: KeyEnvelope = {
      v: 1,
      kdf: 'scrypt',
      cipher: 'aes-256-gcm',
      ...SCRYPT,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    return JSON.stringify(envelope);
  } finally {
    der.fill(0);
  }
}

export function openPrivateKey(sealed: string, passphrase: string): crypto.KeyObject {
  const der = openBytes(JSON.parse(sealed) as KeyEnvelope, passphrase);
  try {
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}
