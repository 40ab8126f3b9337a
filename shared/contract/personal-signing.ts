import { z } from 'zod';
import { method } from './define';
import { capability, fileBase64, id, optionalText } from './common';
import { certificateInfo, certificateValidity, optionalPassphrase } from './signing';
import { protocol } from './meetings';
import { versionDetail } from './agreements';
import { actProof } from './act-proof';
import { page, pageRequest } from './paging';

/**
 * Personal signatures: people's own signing certificates, and attesting a protocol or signing
 * an agreement version with one — here (the person types their certificate's password) or away
 * (export the frozen document, sign it elsewhere, import the signed copy).
 */
export const PERSON_CERTIFICATE_ORIGINS = ['local', 'imported', 'confirmed'] as const;

export const personCertificate = certificateInfo.extend({
  id: z.number(),
  personId: z.number(),
  /** local: issued by the organisation's local CA ("lokal"); imported: the person's PKCS#12 file; confirmed: known from a signed copy */
  origin: z.enum(PERSON_CERTIFICATE_ORIGINS),
  label: z.string(),
  hasPrivateKey: z.boolean(),
  createdAt: z.string(),
  /** removed from the person: its key is gone, acts signed with it still name it */
  removedAt: z.string().nullable(),
  /** judged on the backend's clock when listed */
  validity: certificateValidity,
  /** whether the person can sign with it here now (its key is in Samråd and it is valid), else why not */
  sign: capability,
});
export type PersonCertificate = z.infer<typeof personCertificate>;

/** A person's certificate password: typed by that person, never stored. */
const certificatePassword = z
  .string({ message: 'required' })
  .min(1, { message: 'required' })
  .max(1024, { message: 'too_long' });
const newCertificatePassword = z
  .string({ message: 'required' })
  .min(8, { message: 'signing.validation.passphrase_short' })
  .max(1024, { message: 'too_long' });

const act = z.object({ meetingId: id });

const signingPlace = z
  .string({ message: 'agreements.validation.place_required' })
  .trim()
  .min(1, { message: 'agreements.validation.place_required' })
  .max(200, { message: 'too_long' });

export const ACT_KINDS = ['protocol', 'paragraph', 'agreement'] as const;

/**
 * One act of attesting or signing: a protocol's justering, a § attested at once, or a party's
 * signing of an agreement version, with who gave it, when, and the proof behind it.
 */
export const actListItem = z.object({
  /** protocol: a protocol attested; paragraph: a § attested at once; agreement: a version signed for a party */
  act: z.enum(ACT_KINDS),
  /** the attestation's or the signing's id (unique within its kind of act) */
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  /** ordforande, justerare (attestations) or signatory (agreements) */
  role: z.enum(['ordforande', 'justerare', 'signatory']),
  /** the day of the act, as recorded (the timestamp's day when it was signed with one) */
  date: z.string(),
  place: z.string().nullable(),
  recordedAt: z.string(),
  meetingId: z.number().nullable(),
  bodyName: z.string().nullable(),
  meetingDate: z.string().nullable(),
  paragraphId: z.number().nullable(),
  /** "§ N" of the § attested at once */
  paragraphNumber: z.number().nullable(),
  versionId: z.number().nullable(),
  agreementTitle: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** the party an agreement was signed for */
  organisation: z.string().nullable(),
  proof: actProof,
});
export type ActListItem = z.infer<typeof actListItem>;

export const personalSigningContract = {
  /** every act of attesting or signing, newest first; a page at a time */
  'attestations.list': method(
    z
      .object({
        act: z.enum(ACT_KINDS).optional(),
        /** only the acts digitally signed, or only those recorded without a digital signature */
        proof: z.enum(['digital', 'recorded']).optional(),
        ...pageRequest(100, 1000),
      })
      .default({ limit: 100, after: null }),
    page(actListItem),
  ),
  'personCertificates.list': method(z.object({ personId: id }), z.array(personCertificate)),
  /** the person's own PKCS#12 file; its key stays sealed with the file's password */
  'personCertificates.import': method(
    z.object({ personId: id, fileBase64, password: certificatePassword, label: z.string().trim().max(200).optional() }),
    personCertificate,
  ),
  /** a local personal certificate from the organisation's local CA (keystore passphrase), key sealed with the person's new password */
  'personCertificates.createLocal': method(
    z.object({
      personId: id,
      password: newCertificatePassword,
      passphrase: optionalPassphrase,
      validYears: z.number().int().min(1).max(10).default(3),
    }),
    personCertificate,
  ),
  /** removes a certificate from its person: the key is destroyed, the acts it signed keep naming it */
  'personCertificates.remove': method(z.object({ id }), personCertificate),
  /** the chair or a justerare attests by adding their own signature to the frozen document, here */
  'protocol.signAttestation': method(
    act.extend({
      personId: id,
      certificateId: id,
      password: certificatePassword,
      place: optionalText(300),
      /** after TIMESTAMP_FAILED the attester chose to sign on their own clock (stated as XAdES-BES) */
      withoutTimestamp: z.boolean().default(false),
    }),
    protocol,
  ),
  /** omedelbar justering: the chair or a justerare attests one finished § by signing its frozen extract, here */
  'protocol.signParagraph': method(
    z.object({
      paragraphId: id,
      personId: id,
      certificateId: id,
      password: certificatePassword,
      place: optionalText(300),
      /** after TIMESTAMP_FAILED the attester chose to sign on their own clock (stated as XAdES-BES) */
      withoutTimestamp: z.boolean().default(false),
    }),
    protocol,
  ),
  /** the frozen extract of a § being attested at once, with the signatures given so far, to sign elsewhere */
  'protocol.exportParagraphForSigning': method(
    z.object({ paragraphId: id }),
    z.object({ fileName: z.string(), base64: z.string(), sha256: z.string() }),
  ),
  /** the frozen document with the signatures given so far, for an attester to sign elsewhere */
  'protocol.exportForSigning': method(act, z.object({ fileName: z.string(), base64: z.string(), sha256: z.string() })),
  /**
   * A signed copy back (of a protocol, or of a § attested at once): every signed part must be
   * byte for byte the frozen document's, the new signature valid and by a pending attester's
   * certificate (or one confirmed as theirs).
   */
  'protocol.importSignedCopy': method(
    z.object({ fileBase64, confirmPersonId: id.nullable().default(null), place: optionalText(300) }),
    z.object({
      meetingId: z.number(),
      /** the § attested at once, or null: the whole protocol */
      paragraphId: z.number().nullable(),
      personId: z.number(),
      name: z.string(),
      protocol,
    }),
  ),
  /** a party's signatory signs the version sent for signing by adding their own signature to its frozen document, here */
  'agreements.signing.signDigitally': method(
    z.object({
      versionId: id,
      partyId: id,
      certificateId: id,
      password: certificatePassword,
      place: signingPlace,
      /** after TIMESTAMP_FAILED the signatory chose to sign on their own clock (stated as XAdES-BES) */
      withoutTimestamp: z.boolean().default(false),
    }),
    versionDetail,
  ),
  /** the frozen document of a version under signing with the signatures given so far, for a signatory to sign elsewhere */
  'agreements.signing.exportForSigning': method(
    z.object({ versionId: id }),
    z.object({ fileName: z.string(), base64: z.string(), sha256: z.string() }),
  ),
  /**
   * A signed copy back: every signed part must be byte for byte the frozen document's, the new
   * signature valid and by a signatory still to sign (known by certificate, or confirmed as theirs).
   */
  'agreements.signing.importSignedCopy': method(
    /**
     * `place`: where it was signed, asked for once the copy is known to be an agreement's;
     * `versionId`: the version it is imported on (its page), so a copy of another version is refused, not recorded out of sight
     */
    z.object({
      fileBase64,
      confirmPersonId: id.nullable().default(null),
      place: optionalText(200),
      versionId: id.nullable().default(null),
    }),
    z.object({ versionId: z.number(), partyId: z.number(), name: z.string(), version: versionDetail }),
  ),
};
