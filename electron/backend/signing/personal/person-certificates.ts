import crypto from 'node:crypto';
import type { Ctx } from '../../context';
import type { PersonCertificate } from '../../../../shared/contract/personal-signing';
import { AppError, notFound } from '../../../../shared/errors';
import { write } from '../../audit/log';
import { certificateInfo } from '../certificates/certificate-info';
import { issueCertificateAsync } from '../certificates/issue';
import { openPrivateKey, sealPrivateKeyAsync } from '../certificates/key-protection';
import { readPkcs12 } from '../certificates/pkcs12';
import { localCaIdentity } from '../certificates/store';
import { validityAt, validityRefusal } from '../certificates/validity';
import { capability, refuse, type Refusal } from '../../capability';
import type { SigningIdentity } from '../opc/sign-package';

export interface PersonCertificateRow {
  id: number;
  person_id: number;
  origin: PersonCertificate['origin'];
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
  created_at: string;
  removed_at: string | null;
}

/** Whether a person can sign with this certificate here at `now`: its key is in Samråd and it is valid. */
function signRefusal(row: PersonCertificateRow, now: Date): Refusal {
  if (row.private_key === null) {
    return new AppError(
      'INVALID_STATE',
      'This certificate has no key in Samråd (removed, or known only from a signed copy)',
      { params: { reason: 'signing.errors.cannot_sign_with' } },
    );
  }
  return validityRefusal({ validFrom: row.valid_from, validTo: row.valid_to }, now);
}

function toCertificate(ctx: Ctx, row: PersonCertificateRow): PersonCertificate {
  const now = ctx.clock.now();
  return {
    id: row.id,
    personId: row.person_id,
    origin: row.origin,
    label: row.label,
    subject: row.subject,
    issuer: row.issuer,
    serialNumber: row.serial_number,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    fingerprint: row.fingerprint,
    hasPrivateKey: row.private_key !== null,
    createdAt: row.created_at,
    removedAt: row.removed_at,
    validity: validityAt({ validFrom: row.valid_from, validTo: row.valid_to }, now),
    sign: capability(signRefusal(row, now)),
  };
}

export function personCertificateRow(ctx: Ctx, id: number): PersonCertificateRow {
  const row = ctx.db.prepare('SELECT * FROM person_certificate WHERE id = ?').get(id) as
    PersonCertificateRow | undefined;
  if (!row) throw notFound('certificate', id);
  return row;
}

function personName(ctx: Ctx, personId: number): { name: string; organisation: string | null } {
  const person = ctx.db
    .prepare(
      'SELECT p.name, o.name AS organisation FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?',
    )
    .get(personId) as { name: string; organisation: string | null } | undefined;
  if (!person) throw notFound('person', personId);
  return person;
}

/** A person's certificates, current first; removed ones stay listed (acts signed with them name them). */
export function listPersonCertificates(ctx: Ctx, personId: number): PersonCertificate[] {
  personName(ctx, personId);
  return (
    ctx.db
      .prepare(
        'SELECT * FROM person_certificate WHERE person_id = ? ORDER BY removed_at IS NOT NULL, created_at DESC, id DESC',
      )
      .all(personId) as PersonCertificateRow[]
  ).map((r) => toCertificate(ctx, r));
}

/** The person who holds a certificate (by SHA-256 fingerprint), if Samråd knows it. */
export function certificateHolder(ctx: Ctx, fingerprint: string): PersonCertificateRow | null {
  return (
    (ctx.db.prepare('SELECT * FROM person_certificate WHERE fingerprint = ?').get(fingerprint) as
      PersonCertificateRow | undefined) ?? null
  );
}

function insert(
  ctx: Ctx,
  personId: number,
  fields: {
    origin: PersonCertificate['origin'];
    label: string;
    certificate: crypto.X509Certificate;
    chain: crypto.X509Certificate[];
    sealedKey: string | null;
  },
): number {
  const info = certificateInfo(fields.certificate);
  const holder = certificateHolder(ctx, info.fingerprint);
  if (holder) {
    throw new AppError(
      'CONFLICT',
      holder.person_id === personId
        ? 'This person already holds this certificate'
        : 'This certificate belongs to another person',
      {
        params: {
          reason:
            holder.person_id === personId
              ? 'signing.errors.duplicate_certificate'
              : 'signing.errors.certificate_of_another_person',
        },
      },
    );
  }
  return write(ctx, (record) => {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO person_certificate (person_id, origin, label, subject, issuer, serial_number, valid_from, valid_to, fingerprint, certificate_der, chain, private_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          personId,
          fields.origin,
          fields.label,
          info.subject,
          info.issuer,
          info.serialNumber,
          info.validFrom,
          info.validTo,
          info.fingerprint,
          fields.certificate.raw,
          JSON.stringify(fields.chain.map((c) => c.raw.toString('base64'))),
          fields.sealedKey,
          ctx.clock.now().toISOString(),
        ).lastInsertRowid,
    );
    record({
      action: 'add_certificate',
      entity: 'person',
      entityId: personId,
      after: { certificateId: id, origin: fields.origin, subject: info.subject, fingerprint: info.fingerprint },
    });
    return id;
  });
}

/**
 * A person's own certificate from their PKCS#12 file. Its key stays sealed with the file's
 * password, so only the one who knows it can sign with it here.
 */
export async function importPersonPkcs12(
  ctx: Ctx,
  input: { personId: number; bytes: Uint8Array; password: string; label?: string },
): Promise<PersonCertificate> {
  personName(ctx, input.personId);
  const contents = readPkcs12(input.bytes, input.password);
  const sealed = await sealPrivateKeyAsync(contents.privateKey, input.password);
  const label = input.label?.trim() || certificateInfo(contents.certificate).subject.split(', ')[0].replace(/^CN=/, '');
  const id = insert(ctx, input.personId, {
    origin: 'imported',
    label,
    certificate: contents.certificate,
    chain: contents.chain,
    sealedKey: sealed,
  });
  return toCertificate(ctx, personCertificateRow(ctx, id));
}

/**
 * A local personal certificate, issued to the person by the organisation's local CA (which
 * needs the keystore passphrase); its key is sealed with the person's own password.
 */
export async function createLocalPersonCertificate(
  ctx: Ctx,
  input: { personId: number; password: string; passphrase: string | null; validYears: number },
): Promise<PersonCertificate> {
  const person = personName(ctx, input.personId);
  const ca = localCaIdentity(ctx, input.passphrase);
  const now = ctx.clock.now();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + input.validYears);
  const issued = await issueCertificateAsync({
    commonName: person.name,
    organisation: person.organisation ?? ca.certificate.subject.match(/^O=(.*)$/m)?.[1] ?? person.name,
    notBefore: new Date(now.getTime() - 60_000),
    // never beyond the CA's own validity
    notAfter: new Date(Math.min(notAfter.getTime(), new Date(ca.certificate.validTo).getTime())),
    ca: false,
    issuer: ca,
  });
  const sealed = await sealPrivateKeyAsync(issued.privateKey, input.password);
  const id = insert(ctx, input.personId, {
    origin: 'local',
    label: `${person.name} (lokal)`,
    certificate: issued.certificate,
    chain: [ca.certificate],
    sealedKey: sealed,
  });
  return toCertificate(ctx, personCertificateRow(ctx, id));
}

/** A certificate met in a returned signed copy, confirmed by the operator as this person's; it has no key here. */
export function confirmPersonCertificate(
  ctx: Ctx,
  personId: number,
  certificate: crypto.X509Certificate,
  chain: crypto.X509Certificate[],
): PersonCertificateRow {
  const label = certificateInfo(certificate).subject.split(', ')[0].replace(/^CN=/, '');
  return personCertificateRow(
    ctx,
    insert(ctx, personId, { origin: 'confirmed', label, certificate, chain, sealedKey: null }),
  );
}

/** Removes a certificate from a person: its key is destroyed; the row stays for the acts it signed. */
export function removePersonCertificate(ctx: Ctx, id: number): PersonCertificate {
  const row = personCertificateRow(ctx, id);
  if (row.removed_at !== null) return toCertificate(ctx, row);
  write(ctx, (record) => {
    ctx.db
      .prepare('UPDATE person_certificate SET removed_at = ?, private_key = NULL WHERE id = ?')
      .run(ctx.clock.now().toISOString(), id);
    record({
      action: 'remove_certificate',
      entity: 'person',
      entityId: row.person_id,
      before: { certificateId: id, subject: row.subject, fingerprint: row.fingerprint },
    });
  });
  return toCertificate(ctx, personCertificateRow(ctx, id));
}

/**
 * The identity a person signs with: their own certificate, valid now, its key opened with the
 * password they type. Another person's certificate, a removed one, or a wrong password is refused.
 */
export function personIdentity(
  ctx: Ctx,
  personId: number,
  certificateId: number,
  password: string,
): { identity: SigningIdentity; row: PersonCertificateRow } {
  const row = personCertificateRow(ctx, certificateId);
  if (row.person_id !== personId) {
    throw new AppError('VALIDATION', 'This certificate belongs to another person', {
      fields: { certificateId: 'signing.errors.certificate_of_another_person' },
    });
  }
  refuse(signRefusal(row, ctx.clock.now()));
  let privateKey: crypto.KeyObject;
  try {
    privateKey = openPrivateKey(row.private_key!, password); // signRefusal refused a row without a key
  } catch (error) {
    if (error instanceof AppError && error.fields?.passphrase) {
      throw new AppError('VALIDATION', 'The certificate password is not correct', {
        fields: { password: 'signing.validation.wrong_certificate_password' },
      });
    }
    throw error;
  }
  return {
    row,
    identity: {
      certificate: new crypto.X509Certificate(row.certificate_der),
      privateKey,
      chain: (JSON.parse(row.chain) as string[]).map((b64) => new crypto.X509Certificate(Buffer.from(b64, 'base64'))),
    },
  };
}
