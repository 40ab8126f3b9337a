import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ArchiveProblemCode, ArchiveVerifyReport } from '../../../shared/contract/archive';
import { elementsByName, parseXml } from '../signing/opc/package';
import { safeUnzip, isSafeEntryName, type UnzipLimits } from '../signing/opc/safe-unzip';
import { verifyPackage } from '../signing/opc/verify-package';
import { checkSumsSignature } from './package-signature';
import { chainToTrusted } from '../signing/certificates/chain';
import { validateXml } from './schemas';
import { SIP_PROFILE } from './package-xml';
import { archiveFindings, type ArchiveFindings } from './problems';

/*
 * `samrad verify-archive` and archive.verify: everything an archivist would check by hand
 * (README's steps), in one pass, against Samråd's own copy of the schemas and the
 * certificates the user trusts — never against what the package itself brings as proof of trust.
 */

const METS = 'http://www.loc.gov/METS/';
const XLINK = 'http://www.w3.org/1999/xlink';
const CSIP = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';

/** Far above any council's archive, far below what would exhaust memory. */
export const ARCHIVE_LIMITS: UnzipLimits = {
  maxEntries: 100_000,
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
};

function unreadable(reason: string, message: string): AppError {
  return new AppError('VALIDATION', message, { params: { reason: `signing.errors.${reason}` } });
}

/** A package's files by path relative to its root; a folder is read with the same limits as a zip. */
function readFolder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(path.join(dir, name));
        total += bytes.length;
        if (files.size >= ARCHIVE_LIMITS.maxEntries || total > ARCHIVE_LIMITS.maxTotalBytes)
          throw unreadable('archive_too_large', `${dir} holds more than an archive package may`);
        files.set(name, new Uint8Array(bytes));
      } else {
        // a symbolic link could point anywhere on the machine; a package never needs one
        throw unreadable(
          'archive_unsafe_entry',
          `${name} is a link or special file, not a regular file: a package holds only files`,
        );
      }
    }
  };
  walk('');
  return files;
}

/** Reads a package folder or .zip (a zip may hold the package itself or one folder with it). */
export function readArchive(location: string | Uint8Array): { files: Map<string, Uint8Array>; source: string } {
  let files: Map<string, Uint8Array>;
  let source: string;
  if (typeof location === 'string') {
    source = path.resolve(location);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch (error) {
      throw unreadable(
        'archive_unreadable',
        `Cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    // look before reading: a folder that is no package (say "/") is not walked, a device or a huge file not read
    if (stat.isDirectory()) {
      if (!fs.existsSync(path.join(source, 'METS.xml')))
        throw unreadable('archive_no_mets', `This is not an archive package: ${source} has no METS.xml`);
      files = readFolder(source);
    } else if (!stat.isFile()) {
      throw unreadable('archive_unreadable', `${source} is neither a folder nor a file`);
    } else if (stat.size > ARCHIVE_LIMITS.maxTotalBytes) {
      throw unreadable('zip_bomb', `${source} is larger than an archive package may be`);
    } else {
      files = unzip(new Uint8Array(fs.readFileSync(source)));
    }
  } else {
    source = '(uploaded file)';
    files = unzip(location);
  }
  if (!files.has('METS.xml')) {
    const tops = new Set([...files.keys()].map((k) => k.split('/')[0]));
    const [only] = [...tops];
    if (tops.size === 1 && files.has(`${only}/METS.xml`))
      files = new Map([...files].map(([k, v]) => [k.slice(only.length + 1), v]));
  }
  if (!files.has('METS.xml'))
    throw unreadable('archive_no_mets', 'This is not an archive package: there is no METS.xml at its root');
  return { files, source };
}

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const parts = safeUnzip(bytes, ARCHIVE_LIMITS);
  // folders that zip tools list as entries of their own hold nothing
  return new Map([...parts].filter(([name]) => !name.endsWith('/')));
}

type Check = ArchiveVerifyReport['checks'][number];

/** A check that ran: it holds when nothing was found. */
const ran = (name: Check['name'], found: ArchiveFindings): Check => ({
  name,
  ok: found.issues.length === 0,
  skipped: null,
  skippedCode: null,
  problems: found.problems,
  issues: found.issues,
});
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : '');

function checksums(files: Map<string, Uint8Array>): { check: Check; listed: Set<string> } {
  const found = archiveFindings();
  const listed = new Set<string>();
  const sums = files.get('SHA256SUMS');
  if (!sums) {
    found.add('sums_missing');
    return { check: ran('checksums', found), listed };
  }
  for (const [n, line] of text(sums).split('\n').entries()) {
    if (line === '') continue;
    const m = line.match(/^([0-9a-f]{64}) [ *](.+)$/);
    if (!m) {
      found.add('sums_bad_line', { line: String(n + 1) });
      continue;
    }
    const [, hash, name] = m;
    if (!isSafeEntryName(name)) found.add('sums_outside_package', { path: name });
    else if (listed.has(name)) found.add('sums_listed_twice', { path: name });
    listed.add(name);
    const bytes = files.get(name);
    if (!bytes) found.add('file_removed', { path: name });
    else if (sha256(bytes) !== hash) found.add('file_changed', { path: name });
  }
  for (const name of files.keys()) {
    if (name !== 'SHA256SUMS' && name !== 'SHA256SUMS.p7s' && !listed.has(name))
      found.add('file_added', { path: name });
  }
  return { check: ran('checksums', found), listed };
}

function structure(files: Map<string, Uint8Array>): Check {
  const required = [
    'METS.xml',
    'metadata/descriptive/index.json',
    'metadata/descriptive/index.csv',
    'metadata/preservation/premis.xml',
    'representations/rep1/METS.xml',
    'documentation/README.txt',
    'SHA256SUMS',
  ];
  const found = archiveFindings();
  for (const f of required) if (!files.has(f)) found.add('required_missing', { path: f });
  if (![...files.keys()].some((f) => f.startsWith('schemas/'))) found.add('required_missing', { path: 'schemas/' });
  for (const name of files.keys()) {
    if (/[^\x20-\x7e]/.test(name)) found.add('name_not_ascii', { path: name });
    const top = name.split('/')[0];
    if (
      !['METS.xml', 'metadata', 'representations', 'schemas', 'documentation', 'SHA256SUMS', 'SHA256SUMS.p7s'].includes(
        top,
      )
    )
      found.add('outside_structure', { path: name });
  }
  return ran('structure', found);
}

function schemas(files: Map<string, Uint8Array>): Check {
  const found = archiveFindings();
  const targets: Array<[string, 'mets' | 'premis']> = [
    ['METS.xml', 'mets'],
    ['representations/rep1/METS.xml', 'mets'],
    ['metadata/preservation/premis.xml', 'premis'],
  ];
  for (const [name, kind] of targets) {
    const bytes = files.get(name);
    if (!bytes) continue;
    const result = validateXml(bytes, kind);
    if (!result.checked)
      return { ...ran('schemas', archiveFindings()), skipped: result.reason, skippedCode: 'schema_tool_unavailable' };
    if (!result.valid)
      found.add('schema_invalid', {
        path: name,
        schema: kind === 'mets' ? 'METS/CSIP/SIP' : 'PREMIS 3',
        errors: result.errors.slice(0, 3).join('; '),
      });
  }
  return ran('schemas', found);
}

type CsipCode = Extract<
  ArchiveProblemCode,
  | 'root_not_mets'
  | 'objid_missing'
  | 'type_missing'
  | 'profile_wrong'
  | 'createdate_missing'
  | 'package_type_not_sip'
  | 'no_software_agent'
  | 'no_software_version'
  | 'id_not_unique'
  | 'locator_wrong'
  | 'reference_missing'
  | 'checksum_type_wrong'
  | 'checksum_mismatch'
  | 'size_mismatch'
  | 'mimetype_or_created_missing'
  | 'no_physical_structmap'
  | 'no_file_group'
  | 'no_structmap_div'
  | 'no_representation_pointer'
  | 'not_in_representation_mets'
>;

/** The CSIP/SIP requirement (by its number in the specification) each finding breaks. */
const CSIP_RULE: Record<CsipCode, string> = {
  root_not_mets: 'CSIP',
  objid_missing: 'CSIP1',
  type_missing: 'CSIP2',
  profile_wrong: 'SIP2',
  createdate_missing: 'CSIP7',
  package_type_not_sip: 'SIP4',
  no_software_agent: 'CSIP10–13',
  no_software_version: 'CSIP15–16',
  id_not_unique: 'CSIP18/65/67',
  locator_wrong: 'CSIP22/23/77/78',
  reference_missing: 'CSIP24/79',
  checksum_type_wrong: 'CSIP30/72',
  checksum_mismatch: 'CSIP29/71',
  size_mismatch: 'CSIP27/69',
  mimetype_or_created_missing: 'CSIP26/28/68/70',
  no_physical_structmap: 'CSIP80–82',
  no_file_group: 'CSIP60/113/114',
  no_structmap_div: 'CSIP88–107',
  no_representation_pointer: 'CSIP109',
  not_in_representation_mets: 'CSIP',
};

/** The CSIP/SIP rules a schema cannot express, for one METS file (`base`: the folder its hrefs are relative to). */
function csipRules(
  files: Map<string, Uint8Array>,
  name: string,
  base: string,
  root: boolean,
  found: ArchiveFindings,
): void {
  const bytes = files.get(name);
  if (!bytes) return;
  let doc: Document;
  try {
    doc = parseXml(bytes, name);
  } catch (error) {
    found.add('xml_unreadable', { path: name, detail: (error as Error).message });
    return;
  }
  const mets = doc.documentElement;
  const need = (ok: boolean, code: CsipCode, params: Record<string, string> = {}): boolean => {
    if (!ok) found.add(code, { file: name, rule: CSIP_RULE[code], ...params });
    return ok;
  };
  need(mets.localName === 'mets' && mets.namespaceURI === METS, 'root_not_mets');
  need(Boolean(mets.getAttribute('OBJID')), 'objid_missing');
  need(Boolean(mets.getAttribute('TYPE')), 'type_missing');
  need(mets.getAttribute('PROFILE') === SIP_PROFILE, 'profile_wrong', { profile: SIP_PROFILE });
  const hdr = elementsByName(mets, METS, 'metsHdr')[0];
  need(Boolean(hdr?.getAttribute('CREATEDATE')), 'createdate_missing');
  need(hdr?.getAttributeNS(CSIP, 'OAISPACKAGETYPE') === 'SIP', 'package_type_not_sip');
  const software = elementsByName(mets, METS, 'agent').find(
    (a) =>
      a.getAttribute('ROLE') === 'CREATOR' &&
      a.getAttribute('TYPE') === 'OTHER' &&
      a.getAttribute('OTHERTYPE') === 'SOFTWARE',
  );
  need(Boolean(software), 'no_software_agent');
  need(
    Boolean(
      software &&
      elementsByName(software, METS, 'note').some((n) => n.getAttributeNS(CSIP, 'NOTETYPE') === 'SOFTWARE VERSION'),
    ),
    'no_software_version',
  );
  const ids = new Set<string>();
  for (const el of Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>)) {
    const id = el.getAttribute('ID');
    if (!id) continue;
    need(!ids.has(id), 'id_not_unique', { id });
    ids.add(id);
  }
  // every file and metadata reference: a URL locator to a file that is there, with its size and SHA-256
  const refs = [
    ...elementsByName(mets, METS, 'mdRef').map((r) => ({ el: r, loc: r })),
    ...elementsByName(mets, METS, 'file').map((f) => ({ el: f, loc: elementsByName(f, METS, 'FLocat')[0] })),
  ];
  for (const { el, loc } of refs) {
    const href = loc?.getAttributeNS(XLINK, 'href') ?? '';
    need(loc?.getAttribute('LOCTYPE') === 'URL' && loc?.getAttributeNS(XLINK, 'type') === 'simple', 'locator_wrong', {
      href,
    });
    const target = path.posix.normalize(base + href);
    const file = files.get(target);
    if (!need(Boolean(file) && isSafeEntryName(target), 'reference_missing', { href })) continue;
    need(el.getAttribute('CHECKSUMTYPE') === 'SHA-256', 'checksum_type_wrong', { href });
    need((el.getAttribute('CHECKSUM') ?? '').toLowerCase() === sha256(file!), 'checksum_mismatch', { href });
    need(el.getAttribute('SIZE') === String(file!.length), 'size_mismatch', { href });
    need(Boolean(el.getAttribute('MIMETYPE')) && Boolean(el.getAttribute('CREATED')), 'mimetype_or_created_missing', {
      href,
    });
  }
  const structMap = elementsByName(mets, METS, 'structMap').find((s) => s.getAttribute('LABEL') === 'CSIP');
  need(structMap?.getAttribute('TYPE') === 'PHYSICAL', 'no_physical_structmap');
  if (root) {
    const uses = elementsByName(mets, METS, 'fileGrp').map((g) => g.getAttribute('USE'));
    for (const use of ['Documentation', 'Schemas', 'Representations/rep1'])
      need(uses.includes(use), 'no_file_group', { use });
    const labels = elementsByName(mets, METS, 'div').map((d) => d.getAttribute('LABEL'));
    for (const label of ['Metadata', 'Documentation', 'Schemas', 'Representations/rep1'])
      need(labels.includes(label), 'no_structmap_div', { label });
    const mptr = elementsByName(mets, METS, 'mptr')[0];
    need(mptr?.getAttributeNS(XLINK, 'href') === 'representations/rep1/METS.xml', 'no_representation_pointer');
    // CSIP: every representation file is described by its representation METS
    const repFiles = new Set(
      elementsByName(parseSafe(files, 'representations/rep1/METS.xml'), METS, 'FLocat').map(
        (l) => `representations/rep1/${l.getAttributeNS(XLINK, 'href')}`,
      ),
    );
    for (const f of files.keys())
      if (f.startsWith('representations/rep1/data/')) need(repFiles.has(f), 'not_in_representation_mets', { path: f });
  }
}

function parseSafe(files: Map<string, Uint8Array>, name: string): Document | Element {
  try {
    return parseXml(files.get(name) ?? '<x/>', name);
  } catch {
    return parseXml('<x/>', name);
  }
}

function csip(files: Map<string, Uint8Array>): Check {
  const found = archiveFindings();
  csipRules(files, 'METS.xml', '', true, found);
  csipRules(files, 'representations/rep1/METS.xml', 'representations/rep1/', false, found);
  return ran('csip', found);
}

interface IndexEntry {
  path?: unknown;
  sha256?: unknown;
  bytes?: unknown;
  /** the record's handlingar (packages written before them have none) */
  attachments?: Array<{ path?: unknown; sha256?: unknown; bytes?: unknown }>;
}

function indexCheck(files: Map<string, Uint8Array>): {
  check: Check;
  packageId: string | null;
  signedClaim: boolean | null;
  /** the handlingar the index lists: files of the records, not records (not Word packages to verify) */
  attachments: Set<string>;
} {
  const found = archiveFindings();
  const attachments = new Set<string>();
  let packageId: string | null = null;
  let signedClaim: boolean | null = null;
  try {
    const index = JSON.parse(text(files.get('metadata/descriptive/index.json'))) as {
      packageId?: string;
      signed?: boolean;
      entries?: IndexEntry[];
    };
    packageId = typeof index.packageId === 'string' ? index.packageId : null;
    signedClaim = typeof index.signed === 'boolean' ? index.signed : null;
    const entries = Array.isArray(index.entries) ? index.entries : [];
    const named = new Set<string>();
    const listed = (e: { path?: unknown; sha256?: unknown; bytes?: unknown }) => {
      const p = String(e.path);
      named.add(p);
      const bytes = files.get(p);
      if (!bytes) found.add('index_lists_missing', { path: p });
      else if (e.sha256 !== sha256(bytes) || e.bytes !== bytes.length) found.add('index_hash_mismatch', { path: p });
    };
    for (const e of entries) {
      listed(e);
      for (const f of Array.isArray(e.attachments) ? e.attachments : []) {
        listed(f);
        attachments.add(String(f.path));
      }
    }
    for (const f of files.keys())
      if (f.startsWith('representations/rep1/data/') && !named.has(f)) found.add('not_in_index', { path: f });
  } catch (error) {
    found.add('index_unreadable', { detail: (error as Error).message });
  }
  return {
    check: ran('index', found),
    packageId,
    signedClaim,
    attachments,
  };
}

/** Verifies a package folder or .zip (or its bytes). Throws AppError only when it cannot be read at all. */
export function verifyArchive(
  location: string | Uint8Array,
  options: { trusted: crypto.X509Certificate[] },
): ArchiveVerifyReport {
  const { files, source } = readArchive(location);
  const checks: Check[] = [structure(files)];
  const { check: sumsCheck } = checksums(files);
  checks.push(sumsCheck, schemas(files), csip(files));
  const index = indexCheck(files);
  checks.push(index.check);

  const documents: ArchiveVerifyReport['documents'] = [];
  const docFindings = archiveFindings();
  for (const [name, bytes] of [...files]
    .filter(([n]) => n.startsWith('representations/rep1/data/') && !index.attachments.has(n))
    .sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      const report = verifyPackage(bytes, { trusted: options.trusted });
      const signatures = report.signatures.map((s) => ({
        signer: s.certificate?.subject.replace(/\n/g, ', ') ?? 'unknown',
        fingerprint: s.certificate?.fingerprint ?? '',
        signingTime: s.signingTime,
        valid: s.valid,
        trusted: s.trusted,
      }));
      if (report.signed && !report.valid) docFindings.add('document_signature_fails', { path: name });
      documents.push({
        path: name,
        signed: report.signed,
        valid: !report.signed || report.valid,
        trusted: report.signed && report.signatures.every((s) => s.trusted),
        signatures,
        problems: report.signatures.flatMap((s) => s.problems),
        issues: report.signatures.flatMap((s) => s.issues),
      });
    } catch (error) {
      docFindings.add('document_unreadable', { path: name, detail: (error as Error).message });
      documents.push({
        path: name,
        signed: false,
        valid: false,
        trusted: false,
        signatures: [],
        problems: [(error as Error).message],
        issues: [],
      });
    }
  }
  checks.push(ran('documents', docFindings));

  const p7s = files.get('SHA256SUMS.p7s');
  let packageSignature: ArchiveVerifyReport['packageSignature'] = null;
  const sigFindings = archiveFindings();
  if (p7s) {
    const result = checkSumsSignature(p7s, files.get('SHA256SUMS') ?? new Uint8Array(0));
    sigFindings.addAll(result.found);
    const anchor = result.signer ? chainToTrusted(result.signer, result.certificates, options.trusted) : null;
    packageSignature = {
      valid: result.valid,
      trusted: result.valid && anchor !== null,
      trustedBy: anchor ? anchor.subject.replace(/\n/g, ', ') : null,
      signer: result.signer?.subject.replace(/\n/g, ', ') ?? null,
      fingerprint: result.signer?.fingerprint256 ?? null,
      signingTime: result.signingTime,
    };
  } else if (index.signedClaim === true) {
    sigFindings.add('sums_signature_removed');
  }
  checks.push({
    ...ran('package_signature', sigFindings),
    ...(p7s ? {} : { skipped: 'the package is not signed', skippedCode: 'not_signed' as const }),
  });

  const ok = checks.every((c) => c.ok);
  const trusted = ok && packageSignature?.trusted === true && documents.every((d) => !d.signed || d.trusted);
  return {
    readable: true,
    source,
    packageId: index.packageId,
    files: files.size,
    verdict: !ok ? 'invalid' : trusted ? 'trusted' : 'intact',
    checks,
    documents,
    packageSignature,
  };
}
