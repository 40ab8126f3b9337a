import type { ArchiveProblemCode } from '../../../shared/contract/archive';
import { findingsIn } from '../findings';

type Params = Record<string, string>;

/** A CSIP/SIP rule's finding: the METS file, the rule's number, then what it requires. */
const csip =
  (what: (p: Params) => string) =>
  (p: Params): string =>
    `${p.file}: ${p.rule} ${what(p)}`;

/** The English sentence of each finding: what the CLI prints and `--json` carries in `problems`. */
export const ARCHIVE_ENGLISH: Record<ArchiveProblemCode, (p: Params) => string> = {
  required_missing: (p) => `${p.path} is missing`,
  name_not_ascii: (p) => `${p.path} is not an ASCII name`,
  outside_structure: (p) => `${p.path} is outside the CSIP folder structure`,
  sums_missing: () => 'SHA256SUMS is missing',
  sums_bad_line: (p) => `SHA256SUMS line ${p.line} is not "hash  path"`,
  sums_outside_package: (p) => `SHA256SUMS names a path outside the package: ${JSON.stringify(p.path)}`,
  sums_listed_twice: (p) => `SHA256SUMS lists ${p.path} twice`,
  file_removed: (p) => `${p.path} is listed in SHA256SUMS but missing (removed)`,
  file_changed: (p) => `${p.path} differs from its SHA-256 in SHA256SUMS (changed or replaced)`,
  file_added: (p) => `${p.path} is not listed in SHA256SUMS (added)`,
  schema_invalid: (p) => `${p.path} does not validate against the ${p.schema} schema: ${p.errors}`,
  // the parser's message names the file and what is wrong with it
  xml_unreadable: (p) => p.detail,
  root_not_mets: csip(() => 'the root element is not mets:mets'),
  objid_missing: csip(() => 'OBJID is missing'),
  type_missing: csip(() => 'TYPE is missing'),
  profile_wrong: csip((p) => `PROFILE is not ${p.profile}`),
  createdate_missing: csip(() => 'metsHdr/@CREATEDATE is missing'),
  package_type_not_sip: csip(() => 'metsHdr/@csip:OAISPACKAGETYPE is not SIP'),
  no_software_agent: csip(() => 'no software agent (ROLE CREATOR, TYPE OTHER, OTHERTYPE SOFTWARE)'),
  no_software_version: csip(() => 'the software agent has no SOFTWARE VERSION note'),
  id_not_unique: csip((p) => `ID ${p.id} is not unique`),
  locator_wrong: csip((p) => `${p.href}: LOCTYPE URL and xlink:type simple are required`),
  reference_missing: csip((p) => `${p.href} does not exist in the package`),
  checksum_type_wrong: csip((p) => `${p.href}: CHECKSUMTYPE is not SHA-256`),
  checksum_mismatch: csip((p) => `${p.href}: the checksum does not match the file`),
  size_mismatch: csip((p) => `${p.href}: the size does not match the file`),
  mimetype_or_created_missing: csip((p) => `${p.href}: MIMETYPE or CREATED is missing`),
  no_physical_structmap: csip(() => 'no PHYSICAL structMap labelled CSIP'),
  no_file_group: csip((p) => `no fileGrp with USE="${p.use}"`),
  no_structmap_div: csip((p) => `no structMap div labelled ${p.label}`),
  no_representation_pointer: csip(() => 'the representation div has no mptr to representations/rep1/METS.xml'),
  not_in_representation_mets: csip((p) => `${p.path} is not listed in the representation's METS`),
  index_lists_missing: (p) => `the index lists ${p.path}, which is not in the package`,
  index_hash_mismatch: (p) => `the index's SHA-256 or size of ${p.path} does not match the file`,
  not_in_index: (p) => `${p.path} is not in the index`,
  index_unreadable: (p) => `metadata/descriptive/index.json cannot be read: ${p.detail}`,
  document_signature_fails: (p) => `${p.path}: a package signature does not hold`,
  document_unreadable: (p) => `${p.path} is not a readable Word document: ${p.detail}`,
  sums_signature_digest_mismatch: () => 'SHA256SUMS differs from what was signed (message digest mismatch)',
  sums_signature_value_mismatch: () => 'the signature value does not match the signer certificate',
  sums_signature_unreadable: (p) => `SHA256SUMS.p7s cannot be read: ${p.detail}`,
  sums_signature_removed: () => 'the index says the package is signed, but SHA256SUMS.p7s is missing (removed)',
};

/** Collects verify-archive's findings as codes for the UI and, in step, as English sentences for the CLI. */
export const archiveFindings = () => findingsIn(ARCHIVE_ENGLISH);
export type ArchiveFindings = ReturnType<typeof archiveFindings>;
