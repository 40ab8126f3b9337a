import { z } from 'zod';
import { method } from './define';
import { absolutePath, alsoTrusted, fileBase64, id, requiredText } from './common';

/** What a user sees of an X.509 certificate. Times are ISO strings. */
export const certificateInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** SHA-256 of the DER, upper-case hex pairs joined by ':' */
  fingerprint: z.string(),
  serialNumber: z.string(),
});
export type CertificateInfo = z.infer<typeof certificateInfo>;

export const CERTIFICATE_ROLES = ['signing', 'ca'] as const;
export const CERTIFICATE_ORIGINS = ['local', 'imported'] as const;

/** Where the backend's clock falls in a certificate's validity period; the renderer never judges it. */
export const CERTIFICATE_VALIDITIES = ['valid', 'expired', 'notYetValid'] as const;
export const certificateValidity = z.enum(CERTIFICATE_VALIDITIES);
export type CertificateValidity = z.infer<typeof certificateValidity>;

export const storedCertificate = certificateInfo.extend({
  id: z.number(),
  role: z.enum(CERTIFICATE_ROLES),
  /** 'local' = made by Samråd for an organisation without a PKI */
  origin: z.enum(CERTIFICATE_ORIGINS),
  label: z.string(),
  hasPrivateKey: z.boolean(),
  trusted: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  /** judged on the backend's clock when listed */
  validity: certificateValidity,
});
export type StoredCertificate = z.infer<typeof storedCertificate>;

/** Lets a command-line export (`--sign`) unlock the keystore without a prompt. */
export const PASSPHRASE_ENV = 'SAMRAD_SIGNING_PASSPHRASE';

export const keystoreStatus = z.object({
  /** a passphrase has been chosen (keys exist or were stored once) */
  passphraseSet: z.boolean(),
  /** the passphrase is held in this session, so the backend can sign */
  unlocked: z.boolean(),
  activeCertificateId: z.number().nullable(),
});
export type KeystoreStatus = z.infer<typeof keystoreStatus>;

/** Whether the organisation can sign now, on the backend's clock; else the first thing in the way. */
export const signingReadiness = z.union([
  z.object({ state: z.literal('noCertificate'), passphraseSet: z.boolean() }),
  z.object({
    state: z.enum(['expired', 'notYetValid', 'locked', 'ready']),
    /** the active certificate */
    certificate: storedCertificate,
    passphraseSet: z.boolean(),
  }),
]);
export type SigningReadiness = z.infer<typeof signingReadiness>;

const passphrase = z
  .string({ message: 'required' })
  .min(8, { message: 'signing.validation.passphrase_short' })
  .max(1024, { message: 'too_long' });
export const optionalPassphrase = z
  .union([passphrase, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

export const referenceCheck = z.object({
  uri: z.string(),
  part: z.string().nullable(),
  ok: z.boolean(),
  problem: z
    .enum([
      'digest_mismatch',
      'missing_part',
      'content_type_changed',
      'unsupported_transform',
      'unsupported_algorithm',
      'unresolved',
      'bad_uri',
    ])
    .nullable(),
});
export type ReferenceCheck = z.infer<typeof referenceCheck>;

/** An RFC 3161 SignatureTimeStamp (XAdES-T) as checked: its time, who stamped it, whether it holds and is trusted. */
/**
 * What a verification found wrong, as a code with its values: the UI says it in the user's
 * language (`signing.problems.<code>`); `problems` keeps the same findings as English sentences
 * for the CLI and scripts.
 */
export const SIGNING_PROBLEMS = [
  'not_well_formed',
  'not_a_signature',
  'no_signed_info',
  'no_certificate',
  'unsupported_algorithm',
  'signature_value_mismatch',
  'covers_nothing',
  'part_removed',
  'content_type_changed',
  'part_changed',
  'reference_unresolved',
  'properties_changed',
  'part_not_covered',
  'relationship_not_covered',
  'certificate_not_valid_at_signing',
  'no_signing_time',
  'signing_certificate_mismatch',
  'trailing_bytes',
  'timestamp_unreadable',
  'timestamp_other_data',
  'timestamp_no_authority_certificate',
  'timestamp_signature_fails',
  'timestamp_not_for_time_stamping',
  'timestamp_certificate_not_valid',
] as const;
export type SigningProblemCode = (typeof SIGNING_PROBLEMS)[number];
export const signingProblem = z.object({
  code: z.enum(SIGNING_PROBLEMS),
  params: z.record(z.string(), z.string()),
});
export type SigningProblem = z.infer<typeof signingProblem>;

export const timestampCheck = z.object({
  /** the time the time-stamping authority states (genTime), ISO */
  time: z.string().nullable(),
  authority: certificateInfo.nullable(),
  /** the token is over this signature's SignatureValue */
  imprintOk: z.boolean(),
  /** the authority's signature on the token holds */
  signatureOk: z.boolean(),
  /** the authority's certificate chains to a trusted CA */
  trusted: z.boolean(),
  trustedBy: z.string().nullable(),
  problems: z.array(z.string()),
  /** the same findings as codes, for the UI */
  issues: z.array(signingProblem),
});
export type TimestampCheck = z.infer<typeof timestampCheck>;

/** XMLDSig: no XAdES properties; XAdES-BES: signed certificate and time; XAdES-T: plus a trusted timestamp */
export const SIGNATURE_LEVELS = ['XMLDSig', 'XAdES-BES', 'XAdES-T'] as const;
/** where the signing time comes from: a time-stamping authority, or only the signer's own clock */
export const TIME_SOURCES = ['timestamp', 'signer_clock', 'none'] as const;

/** A person in this database whose certificate made the signature (by fingerprint) */
export const knownSigner = z.object({ personId: z.number(), name: z.string() });
export type KnownSigner = z.infer<typeof knownSigner>;

export const signatureCheck = z.object({
  part: z.string(),
  valid: z.boolean(),
  signatureValueOk: z.boolean(),
  certificate: certificateInfo.nullable(),
  chain: z.array(certificateInfo),
  /** XAdES SigningTime, else the package SignatureTime */
  signingTime: z.string().nullable(),
  signatureTime: z.string().nullable(),
  certificateValidAtSigning: z.boolean(),
  /** null when the signature has no XAdES SigningCertificate */
  signingCertificateOk: z.boolean().nullable(),
  trusted: z.boolean(),
  trustedBy: z.string().nullable(),
  level: z.enum(SIGNATURE_LEVELS),
  timeSource: z.enum(TIME_SOURCES),
  timestamp: timestampCheck.nullable(),
  /** XAdES SignerRole (ClaimedRole), e.g. "Justerare" */
  role: z.string().nullable(),
  /** XAdES CommitmentTypeIndication: its identifier, e.g. http://uri.etsi.org/01903/v1.2.2#ProofOfApproval */
  commitment: z.string().nullable(),
  /** the signature's comment (SignatureInfoV1 SignatureComments) */
  comment: z.string().nullable(),
  knownSigner: knownSigner.nullable(),
  references: z.array(referenceCheck),
  /** the package parts this signature covers */
  coveredParts: z.array(z.string()),
  uncoveredParts: z.array(z.string()),
  uncoveredRelationships: z.array(z.string()),
  /** English sentences naming what failed */
  problems: z.array(z.string()),
  /** the same findings as codes, for the UI */
  issues: z.array(signingProblem),
});
export type SignatureCheck = z.infer<typeof signatureCheck>;

/** valid and trusted / intact but not trusted / invalid / unsigned: what a verification answers first */
export const VERDICTS = ['trusted', 'untrusted', 'invalid', 'unsigned'] as const;

export const verifyReport = z.object({
  verdict: z.enum(VERDICTS),
  signed: z.boolean(),
  valid: z.boolean(),
  parts: z.array(z.string()),
  /** what is wrong with the file as a whole (e.g. bytes after the zip), English sentences */
  problems: z.array(z.string()),
  /** the same findings as codes, for the UI */
  issues: z.array(signingProblem),
  signatures: z.array(signatureCheck),
});
export type VerifyReport = z.infer<typeof verifyReport>;

export const timestampSettings = z.object({ tsaUrl: z.string().nullable() });

/** a time-stamping authority's address (RFC 3161 over HTTP) */
const tsaUrl = z
  .string()
  .trim()
  .max(2000, { message: 'too_long' })
  .regex(/^https?:\/\/\S+$/i, { message: 'signing.validation.tsa_url' });

/**
 * Trusted time for a co-signature: `tsaUrl` names the TSA to ask (absent: the database's
 * setting); `withoutTimestamp` after a TSA failure signs on the signer's own clock, stated as such.
 */
const coSignTime = { tsaUrl: tsaUrl.optional(), withoutTimestamp: z.boolean().default(false) };

export const signingContract = {
  'certificates.list': method(z.object({}).default({}), z.array(storedCertificate)),
  'certificates.status': method(z.object({}).default({}), keystoreStatus),
  'certificates.readiness': method(z.object({}).default({}), signingReadiness),
  'certificates.unlock': method(z.object({ passphrase }), keystoreStatus),
  'certificates.lock': method(z.object({}).default({}), keystoreStatus),
  /** a local organisational CA and a signing certificate it issues; the new certificate becomes active */
  'certificates.createLocal': method(
    z.object({
      organisation: requiredText(200),
      passphrase: optionalPassphrase,
      validYears: z.number().int().min(1).max(10).default(3),
    }),
    storedCertificate,
  ),
  'certificates.importPkcs12': method(
    z.object({
      fileBase64,
      password: z.string().max(1024).default(''),
      passphrase: optionalPassphrase,
      label: z.string().trim().max(200).optional(),
    }),
    storedCertificate,
  ),
  /** a CA certificate (PEM or DER) that verification trusts */
  'certificates.importTrusted': method(z.object({ fileBase64 }), storedCertificate),
  'certificates.activate': method(z.object({ id }), storedCertificate),
  'certificates.remove': method(z.object({ id }), z.object({ id: z.number() })),
  /** the time-stamping authority (RFC 3161) signatures ask for a timestamp; null: none */
  'timestamps.settings': method(z.object({}).default({}), timestampSettings),
  'timestamps.setAuthority': method(z.object({ tsaUrl: tsaUrl.nullable() }), timestampSettings),
  'documents.verify': method(
    z.object({ fileBase64, fileName: z.string().max(500).optional(), alsoTrusted }),
    verifyReport,
  ),
  /**
   * Adds the caller's own co-signature (proof of approval) with a PKCS#12 file to any .docx,
   * signed already or not, and writes it to `target` (refused if it exists). Needs no database;
   * with one, its TSA setting gives the signature trusted time.
   */
  /** the same for the "Sign a document" page: the signed document comes back as bytes */
  'documents.coSign': method(
    z.object({
      fileBase64,
      pkcs12Base64: fileBase64,
      password: z.string().max(1024).default(''),
      role: z.string().trim().max(200).optional(),
      comment: z.string().trim().max(500).optional(),
      ...coSignTime,
    }),
    z.object({ base64: z.string(), sha256: z.string() }),
  ),
  /**
   * The same with a personal certificate held in Samråd: the holder picks it and types its
   * password. Returns the signed document as bytes.
   */
  'documents.coSignAsPerson': method(
    z.object({
      fileBase64,
      personId: id,
      certificateId: id,
      password: z.string({ message: 'required' }).min(1, { message: 'required' }).max(1024, { message: 'too_long' }),
      role: z.string().trim().max(200).optional(),
      comment: z.string().trim().max(500).optional(),
      ...coSignTime,
    }),
    z.object({ base64: z.string(), sha256: z.string() }),
  ),
  'documents.coSignToFile': method(
    z.object({
      fileBase64,
      pkcs12Base64: fileBase64,
      password: z.string().max(1024).default(''),
      role: z.string().trim().max(200).optional(),
      comment: z.string().trim().max(500).optional(),
      ...coSignTime,
      target: absolutePath(4000),
    }),
    z.object({ path: z.string(), sha256: z.string() }),
  ),
};
