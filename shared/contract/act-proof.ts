import { z } from 'zod';

/**
 * How an act (an attestation, an agreement signing) was given: digitally signed by the person's own certificate (the
 * signature is in the frozen document), or recorded without a digital signature by the
 * operator (on paper). Never one for the other.
 */
export const actProof = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('digital'),
    certificateId: z.number(),
    /** the certificate's subject, most specific first */
    certificate: z.string(),
    fingerprint: z.string(),
    /** 'local': issued by the organisation's local CA */
    certificateOrigin: z.enum(['local', 'imported', 'confirmed']),
    signingTime: z.string(),
    /** signer_clock: the signer's own clock (XAdES-BES); tsa: an RFC 3161 timestamp */
    timeSource: z.enum(['signer_clock', 'tsa']),
    /** here: signed in this Samråd; imported: a returned signed copy */
    way: z.enum(['here', 'imported']),
    signaturePart: z.string(),
  }),
  z.object({
    kind: z.literal('recorded'),
    /** who recorded it (null for attestations recorded before this version) */
    operator: z.string().nullable(),
  }),
]);
export type ActProof = z.infer<typeof actProof>;
