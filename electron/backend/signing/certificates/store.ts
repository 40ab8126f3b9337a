import crypto from 'node:crypto';
import type { Ctx } from '../../context';
import { PASSPHRASE_ENV, type KeystoreStatus, type StoredCertificate } from '../../../../shared/contract/signing';
import { AppError, notFound } from '../../../../shared/errors';
import { write, type Change } from '../../audit/log';
import { getSetting, putSetting } from '../../session/settings';
import { certificateInfo } from './certificate-info';
import { issueCertificateAsync } from './issue';
import {
  openBytes,
  openPrivateKey,
  sealBytes,
  sealPrivateKey,
  sealPrivateKeyAsync,
  type KeyEnvelope,
} from './key-protection';
import { cachedKey, forgetPassphrase, heldPassphrase, holdPassphrase } from './keystore-session';
import { readCertificateFile, readPkcs12 } from './pkcs12';
import type { SigningIdentity } from '../opc/sign-package';
import { assertValidAt, validityAt } from './validity';

interface CertificateRow {
  id: number;
  role: 'signing' | 'ca';
  origin: 'local' | 'imported';
  label: string;
  subject: string;
  issuer: string;
  serial_number: string;
  valid_from: string;
  valid_to: string;
  fingerprint: string;
  certificate_der: Buffer;
  chain: string;
  private_key: string | null;
  trusted: number;
  active: number;
  created_at: string;
}

const KEYSTORE_CHECK = 'signing.keystore_check';
const CHECK_TEXT = 'samrad-keystore-v1';

function toStored(ctx: Ctx, row: CertificateRow): StoredCertificate {
  return {
    id: row.id,
    role: row.role,
    origin: row.origin,
    label: row.label,
    subject: row.subject,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    fingerprint: row.fingerprint,
    serialNumber: row.serial_number,
    hasPrivateKey: row.private_key !== null,
    trusted: row.trusted === 1,
    active: row.active === 1,
    createdAt: row.created_at,
    validity: validityAt({ validFrom: row.valid_from, validTo: row.valid_to }, ctx.clock.now()),
  };
}

function row(ctx: Ctx, id: number): CertificateRow {
  const found = ctx.db.prepare('SELECT * FROM certificate WHERE id = ?').get(id) as CertificateRow | undefined;
  if (!found) throw notFound('certificate', id);
  return found;
}

export function listCertificates(ctx: Ctx): StoredCertificate[] {
  return (
    ctx.db
      .prepare('SELECT * FROM certificate ORDER BY active DESC, role DESC, created_at DESC, id DESC')
      .all() as CertificateRow[]
  ).map((r) => toStored(ctx, r));
}

export function keystoreStatus(ctx: Ctx): KeystoreStatus {
  const active = ctx.db.prepare('SELECT id FROM certificate WHERE active = 1').pluck().get() as number | undefined;
  return {
    passphraseSet: getSetting(ctx.db, KEYSTORE_CHECK) !== null,
    unlocked: heldPassphrase(ctx) !== null,
    activeCertificateId: active ?? null,
  };
}

/** Checks a passphrase against the keystore (or makes it the keystore's, the first time) and holds it. */
export function unlock(ctx: Ctx, passphrase: string): KeystoreStatus {
  const check = getSetting(ctx.db, KEYSTORE_CHECK);
  if (check === null) {
    putSetting(ctx.db, KEYSTORE_CHECK, JSON.stringify(sealBytes(Buffer.from(CHECK_TEXT), passphrase)));
  } else {
    openBytes(JSON.parse(check) as KeyEnvelope, passphrase); // throws wrong_passphrase
  }
  holdPassphrase(ctx, passphrase);
  // the keystore lives in the session, not in a table, so no audit write announces it
  ctx.emit('data.changed', { entity: 'keystore' });
  return keystoreStatus(ctx);
}

export function lock(ctx: Ctx): KeystoreStatus {
  forgetPassphrase(ctx);
  ctx.emit('data.changed', { entity: 'keystore' });
  return keystoreStatus(ctx);
}

/** The passphrase new keys are sealed with: the one given (checked), else the one held. */
export function passphraseFor(ctx: Ctx, given: string | null): string {
  if (given) {
    unlock(ctx, given);
    return given;
  }
  const held = heldPassphrase(ctx);
  if (held) return held;
  throw new AppError('VALIDATION', 'Give the keystore passphrase to store a private key', {
    fields: { passphrase: 'signing.validation.passphrase_needed' },
  });
}

function insertCertificate(
  ctx: Ctx,
  record: (change: Change) => void,
  fields: {
    role: 'signing' | 'ca';
    origin: 'local' | 'imported';
    label: string;
    certificate: crypto.X509Certificate;
    chain: crypto.X509Certificate[];
    sealedKey: string | null;
    trusted: boolean;
    active: boolean;
  },
): number {
  const info = certificateInfo(fields.certificate);
  if (ctx.db.prepare('SELECT 1 FROM certificate WHERE fingerprint = ?').get(info.fingerprint)) {
    throw new AppError('CONFLICT', 'This certificate is already in Samråd', {
      params: { reason: 'signing.errors.duplicate_certificate' },
    });
  }
  if (fields.active) ctx.db.prepare('UPDATE certificate SET active = 0 WHERE active = 1').run();
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO certificate (role, origin, label, subject, issuer, serial_number, valid_from, valid_to, fingerprint, certificate_der, chain, private_key, trusted, active, created_at)
         VALUES (@role, @origin, @label, @subject, @issuer, @serial, @from, @to, @fingerprint, @der, @chain, @key, @trusted, @active, @now)`,
      )
      .run({
        role: fields.role,
        origin: fields.origin,
        label: fields.label,
        subject: info.subject,
        issuer: info.issuer,
        serial: info.serialNumber,
        from: info.validFrom,
        to: info.validTo,
        fingerprint: info.fingerprint,
        der: fields.certificate.raw,
        chain: JSON.stringify(fields.chain.map((c) => c.raw.toString('base64'))),
        key: fields.sealedKey,
        trusted: fields.trusted ? 1 : 0,
        active: fields.active ? 1 : 0,
        now: ctx.clock.now().toISOString(),
      }).lastInsertRowid,
  );
  record({
    action: 'create',
    entity: 'certificate',
    entityId: id,
    after: {
      role: fields.role,
      origin: fields.origin,
      label: fields.label,
      subject: info.subject,
      fingerprint: info.fingerprint,
      active: fields.active,
      trusted: fields.trusted,
    },
  });
  return id;
}

/**
 * A local organisational CA and a signing certificate issued by it, for organisations with
 * no PKI of their own. Both are labelled "lokal"; the CA is trusted here so Samråd's own
 * verifier accepts the chain, but no one else trusts it unless they import it.
 */
/**
 * Key generation and the scrypt sealing run on libuv's thread pool (and the certificate
 * signatures in native code), so the backend keeps answering while a certificate is made;
 * done in-thread this blocked every other call for 0.3–0.9 s.
 */
export async function createLocalCertificate(
  ctx: Ctx,
  input: { organisation: string; passphrase: string | null; validYears: number },
): Promise<StoredCertificate> {
  const passphrase = passphraseFor(ctx, input.passphrase);
  const now = ctx.clock.now();
  const notBefore = new Date(now.getTime() - 60_000);
  const years = (n: number) =>
    new Date(
      Date.UTC(now.getUTCFullYear() + n, now.getUTCMonth(), now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes()),
    );
  const ca = await issueCertificateAsync({
    commonName: `${input.organisation} lokal CA`,
    organisation: input.organisation,
    notBefore,
    notAfter: years(10),
    ca: true,
  });
  const signer = await issueCertificateAsync({
    commonName: `${input.organisation} dokumentsignering (lokal)`,
    organisation: input.organisation,
    notBefore,
    notAfter: years(input.validYears),
    ca: false,
    issuer: ca,
  });
  const [sealedCa, sealedSigner] = await Promise.all([
    sealPrivateKeyAsync(ca.privateKey, passphrase),
    sealPrivateKeyAsync(signer.privateKey, passphrase),
  ]);
  const id = write(ctx, (record) => {
    insertCertificate(ctx, record, {
      role: 'ca',
      origin: 'local',
      label: `${input.organisation} – lokal CA`,
      certificate: ca.certificate,
      chain: [],
      sealedKey: sealedCa,
      trusted: true,
      active: false,
    });
    return insertCertificate(ctx, record, {
      role: 'signing',
      origin: 'local',
      label: `${input.organisation} – lokal signering`,
      certificate: signer.certificate,
      chain: [ca.certificate],
      sealedKey: sealedSigner,
      trusted: false,
      active: true,
    });
  });
  return toStored(ctx, row(ctx, id));
}

export function importPkcs12(
  ctx: Ctx,
  input: { bytes: Uint8Array; password: string; passphrase: string | null; label?: string },
): StoredCertificate {
  const contents = readPkcs12(input.bytes, input.password);
  const passphrase = passphraseFor(ctx, input.passphrase);
  const info = certificateInfo(contents.certificate);
  const label = input.label?.trim() || info.subject.split(', ')[0].replace(/^CN=/, '');
  const sealed = sealPrivateKey(contents.privateKey, passphrase);
  const id = write(ctx, (record) =>
    insertCertificate(ctx, record, {
      role: 'signing',
      origin: 'imported',
      label,
      certificate: contents.certificate,
      chain: contents.chain,
      sealedKey: sealed,
      trusted: false,
      active: true,
    }),
  );
  return toStored(ctx, row(ctx, id));
}

export function importTrusted(ctx: Ctx, bytes: Uint8Array): StoredCertificate {
  const certificate = readCertificateFile(bytes);
  // trust is anchored in an issuer: an end-entity certificate (CA:FALSE) as anchor would make any copy of it "trusted"
  if (!certificate.ca) {
    throw new AppError(
      'VALIDATION',
      'Only a CA certificate (basicConstraints CA:TRUE) can be trusted; this one belongs to a signer',
      { params: { reason: 'signing.errors.not_a_ca' } },
    );
  }
  const info = certificateInfo(certificate);
  const existing = ctx.db.prepare('SELECT * FROM certificate WHERE fingerprint = ?').get(info.fingerprint) as
    CertificateRow | undefined;
  if (existing) {
    if (existing.trusted === 1)
      throw new AppError('CONFLICT', 'This certificate is already trusted', {
        params: { reason: 'signing.errors.duplicate_certificate' },
      });
    write(ctx, (record) => {
      ctx.db.prepare('UPDATE certificate SET trusted = 1 WHERE id = ?').run(existing.id);
      record({
        action: 'trust',
        entity: 'certificate',
        entityId: existing.id,
        before: { trusted: false },
        after: { trusted: true },
      });
    });
    return toStored(ctx, row(ctx, existing.id));
  }
  const id = write(ctx, (record) =>
    insertCertificate(ctx, record, {
      role: 'ca',
      origin: 'imported',
      label: info.subject.split(', ')[0].replace(/^CN=/, ''),
      certificate,
      chain: [],
      sealedKey: null,
      trusted: true,
      active: false,
    }),
  );
  return toStored(ctx, row(ctx, id));
}

export function activateCertificate(ctx: Ctx, id: number): StoredCertificate {
  const found = row(ctx, id);
  if (found.role !== 'signing' || found.private_key === null) {
    throw new AppError('INVALID_STATE', 'Only a signing certificate with its private key can be used to sign', {
      params: { reason: 'signing.errors.cannot_sign_with' },
    });
  }
  write(ctx, (record) => {
    ctx.db.prepare('UPDATE certificate SET active = 0 WHERE active = 1').run();
    ctx.db.prepare('UPDATE certificate SET active = 1 WHERE id = ?').run(id);
    record({ action: 'activate', entity: 'certificate', entityId: id, after: { active: true } });
  });
  return toStored(ctx, row(ctx, id));
}

export function removeCertificate(ctx: Ctx, id: number): { id: number } {
  const found = row(ctx, id);
  write(ctx, (record) => {
    ctx.db.prepare('DELETE FROM certificate WHERE id = ?').run(id);
    record({
      action: 'delete',
      entity: 'certificate',
      entityId: id,
      before: { label: found.label, subject: found.subject, fingerprint: found.fingerprint },
    });
  });
  return { id };
}

export function trustedCertificates(ctx: Ctx): crypto.X509Certificate[] {
  return (ctx.db.prepare('SELECT certificate_der FROM certificate WHERE trusted = 1').pluck().all() as Buffer[]).map(
    (der) => new crypto.X509Certificate(der),
  );
}

/**
 * The active certificate and its opened key, ready to sign at the current time.
 * Expired or not-yet-valid certificates are refused, as is a locked keystore.
 */
export function signingIdentity(ctx: Ctx): SigningIdentity {
  const active = ctx.db.prepare('SELECT * FROM certificate WHERE active = 1').get() as CertificateRow | undefined;
  if (!active || active.private_key === null) {
    throw new AppError(
      'INVALID_STATE',
      'No signing certificate is chosen: import one or create a local one under Certificates',
      { params: { reason: 'signing.errors.no_certificate' } },
    );
  }
  assertValidAt({ validFrom: active.valid_from, validTo: active.valid_to }, ctx.clock.now());
  if (heldPassphrase(ctx) === null && process.env[PASSPHRASE_ENV]) unlock(ctx, process.env[PASSPHRASE_ENV]!);
  const sealed = active.private_key;
  const privateKey = cachedKey(ctx, active.id, (passphrase) => openPrivateKey(sealed, passphrase));
  if (!privateKey) {
    throw new AppError(
      'INVALID_STATE',
      `The signing key is locked: unlock it with the keystore passphrase (or set ${PASSPHRASE_ENV})`,
      { params: { reason: 'signing.errors.locked' } },
    );
  }
  return {
    certificate: new crypto.X509Certificate(active.certificate_der),
    privateKey,
    chain: (JSON.parse(active.chain) as string[]).map((b64) => new crypto.X509Certificate(Buffer.from(b64, 'base64'))),
  };
}

/**
 * The organisation's local CA with its key, to issue a person's local certificate: opened with
 * the keystore passphrase given (checked) or held. Refused clearly when there is no local CA.
 */
export function localCaIdentity(
  ctx: Ctx,
  passphrase: string | null,
): { certificate: crypto.X509Certificate; privateKey: crypto.KeyObject } {
  const ca = ctx.db
    .prepare(
      "SELECT * FROM certificate WHERE role = 'ca' AND origin = 'local' AND private_key IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .get() as CertificateRow | undefined;
  if (!ca) {
    throw new AppError(
      'INVALID_STATE',
      'The organisation has no local CA: create a local certificate under Certificates first',
      {
        params: { reason: 'signing.errors.no_local_ca' },
      },
    );
  }
  assertValidAt({ validFrom: ca.valid_from, validTo: ca.valid_to }, ctx.clock.now());
  const held = passphraseFor(ctx, passphrase);
  return {
    certificate: new crypto.X509Certificate(ca.certificate_der),
    privateKey: openPrivateKey(ca.private_key!, held),
  };
}
