import type { ActProof } from '../../../../shared/contract/act-proof';

/**
 * The columns an act's query joins from its signature table and `person_certificate` (alias
 * `c`): all null when the act was recorded without a digital signature.
 */
export interface ProofColumns {
  recorded_by: string | null;
  certificate_id: number | null;
  certificate: string | null;
  fingerprint: string | null;
  certificate_origin: 'local' | 'imported' | 'confirmed' | null;
  signing_time: string | null;
  time_source: 'signer_clock' | 'tsa' | null;
  way: 'here' | 'imported' | null;
  signature_part: string | null;
}

/** The select list for `ProofColumns`, from the signature table aliased `s`. */
export const PROOF_COLUMNS = `s.person_certificate_id AS certificate_id, c.subject AS certificate, c.fingerprint,
    c.origin AS certificate_origin, s.signing_time, s.time_source, s.way, s.signature_part`;

/** Digitally signed by the person's own certificate, or recorded without one by the operator. */
export function proofOf(r: ProofColumns): ActProof {
  return r.certificate_id !== null
    ? {
        kind: 'digital',
        certificateId: r.certificate_id,
        certificate: r.certificate!,
        fingerprint: r.fingerprint!,
        certificateOrigin: r.certificate_origin!,
        signingTime: r.signing_time!,
        timeSource: r.time_source!,
        way: r.way!,
        signaturePart: r.signature_part!,
      }
    : { kind: 'recorded', operator: r.recorded_by };
}
