import type { SigningProblemCode } from '../../../shared/contract/signing';
import { findingsIn } from '../findings';

type Params = Record<string, string>;

/** The English sentence of each finding: what the CLI prints and `--json` carries in `problems`. */
const ENGLISH: Record<SigningProblemCode, (p: Params) => string> = {
  not_well_formed: (p) => `${p.part} is not well-formed XML`,
  not_a_signature: (p) => `${p.part} is not an XML signature`,
  no_signed_info: () => 'The signature has no SignedInfo',
  no_certificate: () => 'The signature carries no readable signer certificate',
  unsupported_algorithm: () => 'The signature uses an algorithm Samråd does not check',
  signature_value_mismatch: () =>
    'The signature value does not match the signed information (signature or certificate changed)',
  covers_nothing: () => 'The signature does not cover any part of the package',
  part_removed: (p) => `${p.part}: the signed part has been removed`,
  content_type_changed: (p) => `${p.part}: its content type has changed`,
  part_changed: (p) => `${p.part}: changed after signing`,
  reference_unresolved: (p) => `${p.uri}: not found in the signature`,
  properties_changed: (p) => `${p.uri}: the signed properties or signature time changed`,
  part_not_covered: (p) => `${p.part}: not covered by the signature (added or left out)`,
  relationship_not_covered: (p) => `${p.relationship}: relationship not covered by the signature (added after signing)`,
  certificate_not_valid_at_signing: () => 'The certificate was not valid at the signing time',
  no_signing_time: () => 'The signature has no readable signing time',
  signing_certificate_mismatch: () => 'The XAdES signing certificate does not match the certificate in the signature',
  trailing_bytes: (p) => `${p.bytes} bytes follow the end of the zip package (added after signing, or hidden content)`,
  timestamp_unreadable: (p) => `The timestamp cannot be read (${p.reason})`,
  timestamp_other_data: () => 'The timestamp is for other data than this signature value',
  timestamp_no_authority_certificate: () => 'The timestamp carries no certificate of the time-stamping authority',
  timestamp_signature_fails: () => 'The time-stamping authority’s signature on the timestamp does not hold',
  timestamp_not_for_time_stamping: () => 'The timestamp was signed by a certificate that is not for time-stamping',
  timestamp_certificate_not_valid: () => 'The time-stamping certificate was not valid at the time it states',
};

/** Collects findings as codes for the UI and, in step, as English sentences for the CLI. */
export const findings = () => findingsIn(ENGLISH);
