import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { AppError } from '../../../shared/errors';
import type { SigningIdentity } from '../signing/opc/sign-package';
import { verifyPackage } from '../signing/opc/verify-package';
import { safeUnzip } from '../signing/opc/safe-unzip';
import {
  archivePath,
  attachmentPath,
  type ArchiveAttachmentRow,
  type ArchiveIndexRow,
  type ArchivePackageSignature,
  type ArchiveSource,
} from './entry';
import { readmeText } from './documentation';
import { signSums } from './package-signature';
import { DOCX_MIME, premisXml, representationMets, rootMets, type ListedFile, type PackageHeader } from './package-xml';
import { SCHEMA_FILES } from './schemas';
import { sha256Sums } from '../export/sha256-sums';
import { sha256Hex } from '../export/write-file';

export interface WriteArchiveOptions {
  /** a folder, or a file ending in .zip */
  target: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, label: string): void;
  /** how many documents to start producing ahead of the one being written (for parallel producers) */
  ahead?: number;
  /** when the package was made */
  createdAt: Date;
  period: { from: string; to: string };
  /** the organisation's signing identity for SHA256SUMS.p7s; null writes an unsigned package (stated in README and index) */
  identity: SigningIdentity | null;
  /** certificates the database trusts, to say in the index whether each document's package signature is trusted */
  trusted?: crypto.X509Certificate[];
  /** further certificates the documents' signatures may chain to (the database's own), to carry in the package */
  knownCertificates?: crypto.X509Certificate[];
  softwareVersion: string;
  submitter: string;
  creators: string[];
  /** "Chefssamrådet 2017-03-14" … not archived, and why (for the index and README) */
  leftOut?: Array<{ label: string; reason: string }>;
  /** the operator's login name (PREMIS agent of the export event) */
  actor: string;
  packageId?: string;
}

export interface ArchiveResult {
  path: string;
  format: 'folder' | 'zip';
  packageId: string;
  signed: boolean;
  documents: number;
  index: ArchiveIndexRow[];
  /** temporary folders of interrupted exports found beside the target and removed */
  cleaned: string[];
}

export const DATA_PREFIX = 'representations/rep1/data/';
const TEMP_MARK = '.samrad-part-';

const CSV_COLUMNS = [
  'path',
  'kind',
  'title',
  'body',
  'parties',
  'date',
  'valid_from',
  'valid_to',
  'paragraphs',
  'dnr',
  'acts',
  'package_signatures',
  'snapshot_sha256',
  'sealed_at',
  'corrects_sha256',
  'sha256',
  'bytes',
  'attachments',
] as const;

function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function indexCsv(rows: ArchiveIndexRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      path: r.path,
      kind: r.kind,
      title: r.title,
      body: r.body ?? '',
      parties: r.parties.join(' | '),
      date: r.date,
      valid_from: r.validFrom ?? '',
      valid_to: r.validTo ?? '',
      paragraphs: r.paragraphs ? `${r.paragraphs[0]}-${r.paragraphs[1]}` : '',
      dnr: r.dnr.join(' | '),
      acts: r.acts
        .map(
          (a) =>
            `${a.name} (${[a.role, a.organisation, a.date, a.certificateFingerprint ? `certificate ${a.certificateFingerprint}` : a.recorded].filter(Boolean).join(', ')})`,
        )
        .join(' | '),
      package_signatures: r.packageSignatures
        .map(
          (s) =>
            `${s.signer} (certificate SHA-256 ${s.certificateFingerprint}, signed ${s.signingTime ?? 'unknown'}, ${s.valid ? 'valid' : 'INVALID'}, ${s.trusted ? 'trusted' : 'not trusted'})`,
        )
        .join(' | '),
      snapshot_sha256: r.snapshotSha256,
      sealed_at: r.sealedAt,
      corrects_sha256: r.correctsSha256 ?? '',
      sha256: r.sha256,
      bytes: String(r.bytes),
      attachments: r.attachments.map((a) => `${a.fileName} (§ ${a.paragraph}, ${a.path})`).join(' | '),
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  // UTF-8 with BOM so Excel shows å/ä/ö; CRLF as RFC 4180 says
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cancelled(): AppError {
  return new AppError('INVALID_STATE', 'The archive export was cancelled; nothing was written under the final name', {
    params: { reason: 'signing.errors.archive_cancelled' },
  });
}

function notWritable(target: string, error: unknown): AppError {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AppError('FILE_NOT_WRITABLE', `Cannot write the archive ${target}: ${detail}`, {
    params: { path: target, reason: 'signing.errors.archive_not_writable', detail },
  });
}

const utf8 = new TextEncoder();

/** The root METS of a package Samråd wrote: METS.xml naming Samråd as the creating software under the SIP profile. */
export function isSamradMets(xml: string): boolean {
  return (
    /<mets:mets\b[^>]*PROFILE="https:\/\/earksip\.dilcis\.eu\/profile\/E-ARK-SIP\.xml"/.test(xml) &&
    /OTHERTYPE="SOFTWARE"><mets:name>Samråd<\/mets:name>/.test(xml)
  );
}

/** Whether `dir` is the root of a package Samråd wrote. */
export function isSamradPackageFolder(dir: string): boolean {
  try {
    return isSamradMets(fs.readFileSync(path.join(dir, 'METS.xml'), 'utf8'));
  } catch {
    return false;
  }
}

/**
 * May an existing target be replaced? Only an earlier Samråd package, and only when every file
 * in it is one the package lists (its SHA256SUMS): a file someone put there later is never deleted.
 * An empty folder may be used as it is.
 */
function assertReplaceable(target: string, format: 'folder' | 'zip'): void {
  const refuse = (detail: string) =>
    new AppError(
      'FILE_EXISTS',
      `${target} exists and is not an earlier Samråd archive package (${detail}); nothing was changed. Choose another target.`,
      {
        params: { path: target, reason: 'signing.errors.archive_target_not_package', detail },
      },
    );
  const stat = fs.statSync(target);
  if (format === 'zip') {
    if (!stat.isFile()) throw refuse('not a file');
    let mets: Uint8Array | undefined;
    try {
      mets = safeUnzip(new Uint8Array(fs.readFileSync(target)), {
        maxEntries: 200_000,
        maxPartBytes: 256 * 1024 * 1024,
        maxTotalBytes: 8 * 1024 * 1024 * 1024,
        maxRatio: 1000,
      }).get('METS.xml');
    } catch {
      throw refuse('not a readable zip');
    }
    if (!mets || !isSamradMets(Buffer.from(mets).toString('utf8'))) throw refuse('no Samråd METS.xml');
    return;
  }
  if (!stat.isDirectory()) throw refuse('not a folder');
  const entries = fs.readdirSync(target);
  if (entries.length === 0) return;
  if (!isSamradPackageFolder(target)) throw refuse('no Samråd METS.xml');
  const listed = new Set(
    fs
      .readFileSync(path.join(target, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(66)),
  );
  listed.add('SHA256SUMS');
  listed.add('SHA256SUMS.p7s');
  for (const file of fs.readdirSync(target, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(target, path.join(file.parentPath, file.name)).split(path.sep).join('/');
    if (file.isDirectory()) continue;
    if (!file.isFile() || !listed.has(rel)) throw refuse(`${rel} is not part of the package`);
  }
}

/**
 * Temporary folders and files of earlier exports beside the target, left by a process that no
 * longer runs (killed, power cut): removed, and reported back. A running export's own are left alone.
 */
export function cleanStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = name.match(/\.samrad-part-(\d+)-[0-9a-f]+(\.old)?$/);
    if (!match || !name.startsWith('.')) continue;
    const pid = Number(match[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (error) {
        alive = (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (alive) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}

function packageSignaturesOf(
  bytes: Uint8Array,
  trusted: crypto.X509Certificate[],
): { signatures: ArchivePackageSignature[]; fingerprints: string[] } {
  const report = verifyPackage(bytes, { trusted });
  return {
    signatures: report.signatures.map((s) => ({
      signer: s.certificate?.subject.replace(/\n/g, ', ') ?? 'unknown',
      certificateFingerprint: s.certificate?.fingerprint ?? '',
      issuer: s.certificate?.issuer.replace(/\n/g, ', ') ?? '',
      signingTime: s.signingTime,
      timeSource: 'signer clock (XAdES SigningTime)',
      valid: s.valid,
      trusted: s.trusted,
    })),
    fingerprints: report.signatures
      .flatMap((s) => [s.certificate?.fingerprint, ...s.chain.map((c) => c.fingerprint)])
      .filter((f): f is string => Boolean(f)),
  };
}

/**
 * Writes an E-ARK SIP (see package-xml.ts and documentation.ts for what goes where) to a folder
 * or a .zip. All of it goes to a temporary name beside the target and is renamed at the very
 * end, so a cancelled or failed export (full disk included) leaves nothing under the final name;
 * an existing target is only replaced with `overwrite`, only when it is an earlier Samråd
 * package, and only after the new one is complete.
 */
export async function writeArchive(sources: ArchiveSource[], options: WriteArchiveOptions): Promise<ArchiveResult> {
  const target = path.resolve(options.target);
  const format = target.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
  const exists = fs.existsSync(target);
  const emptyFolder =
    exists && format === 'folder' && fs.statSync(target).isDirectory() && fs.readdirSync(target).length === 0;
  if (exists && !options.overwrite && !emptyFolder) {
    throw new AppError(
      'FILE_EXISTS',
      `${target} already exists; choose another name or allow replacing an earlier archive`,
      { params: { path: target, reason: 'signing.errors.archive_target_exists' } },
    );
  }
  if (exists) assertReplaceable(target, format);
  if (!fs.existsSync(path.dirname(target)))
    throw notWritable(target, Object.assign(new Error('the folder does not exist'), { code: 'ENOENT' }));
  const cleaned = cleanStaleTemps(path.dirname(target));
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}${TEMP_MARK}${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
  );
  const packageId = options.packageId ?? `uuid-${crypto.randomUUID()}`;
  const createdAt = options.createdAt.toISOString();
  const files: Record<string, Uint8Array> = {};
  const listed: Array<{ path: string; sha256: string }> = [];
  const put = (name: string, data: Uint8Array, hash = sha256Hex(data)) => {
    listed.push({ path: name, sha256: hash });
    if (format === 'zip') files[name] = data;
    else {
      const file = path.join(temp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data, { flag: 'wx' });
    }
  };
  const index: ArchiveIndexRow[] = [];
  const used = new Set<string>();
  const certificateFingerprints = new Set<string>();
  // started but not yet written, by position; each marked handled so one that fails after a cancel is no unhandled rejection
  const started = new Map<number, Promise<Uint8Array>>();
  let nextToStart = 0;
  const produce = (i: number): Promise<Uint8Array> => {
    for (; nextToStart <= Math.min(i + (options.ahead ?? 0), sources.length - 1); nextToStart++) {
      const promise = sources[nextToStart].produce();
      promise.catch(() => undefined);
      started.set(nextToStart, promise);
    }
    const promise = started.get(i)!;
    started.delete(i);
    return promise;
  };
  const trusted = options.trusted ?? [];
  try {
    if (format === 'folder') fs.mkdirSync(temp);
    const data: ListedFile[] = [];
    for (let i = 0; i < sources.length; i++) {
      // let other requests (a cancel, progress to the window) through between documents
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw cancelled();
      const source = sources[i];
      const base = archivePath(source.meta);
      let name = base;
      for (let n = 2; used.has(name); n++) name = base.replace(/\.docx$/, `_${n}.docx`);
      used.add(name);
      const bytes = await produce(i);
      const hash = sha256Hex(bytes);
      // only a document that carries a package signature is opened; the others need only copying and hashing
      const signatures = source.signed ? packageSignaturesOf(bytes, trusted) : { signatures: [], fingerprints: [] };
      for (const f of signatures.fingerprints) certificateFingerprints.add(f);
      put(DATA_PREFIX + name, bytes, hash);
      const fileId = `file-${String(i + 1).padStart(5, '0')}`;
      data.push({ id: fileId, href: `data/${name}`, mime: DOCX_MIME, size: bytes.length, sha256: hash });
      // the record's handlingar beside it, each listed in the representation's METS as the record is
      const attachments: ArchiveAttachmentRow[] = [];
      for (const [k, attachment] of source.attachments.entries()) {
        const base = attachmentPath(name, attachment.paragraph, attachment.fileName);
        let attachmentName = base;
        for (let n = 2; used.has(attachmentName); n++) attachmentName = base.replace(/(\.[a-z0-9_]+)?$/, `_${n}$1`);
        used.add(attachmentName);
        const content = attachment.produce();
        const contentHash = sha256Hex(content);
        put(DATA_PREFIX + attachmentName, content, contentHash);
        data.push({
          id: `${fileId}-${k + 1}`,
          href: `data/${attachmentName}`,
          mime: attachment.mediaType,
          size: content.length,
          sha256: contentHash,
        });
        attachments.push({
          path: DATA_PREFIX + attachmentName,
          paragraph: attachment.paragraph,
          fileName: attachment.fileName,
          mediaType: attachment.mediaType,
          sha256: contentHash,
          bytes: content.length,
        });
      }
      index.push({
        ...source.meta,
        path: DATA_PREFIX + name,
        sha256: hash,
        bytes: bytes.length,
        packageSignatures: signatures.signatures,
        attachments,
      });
      options.onProgress?.(i + 1, sources.length, name);
    }
    if (options.signal?.aborted) throw cancelled();

    const header: PackageHeader = {
      objid: packageId,
      label: `Samråd ${options.period.from} – ${options.period.to}`,
      createdAt,
      softwareVersion: options.softwareVersion,
      submitter: options.submitter,
      creators: options.creators,
    };
    const listedFile = (id: string, name: string, bytes: Uint8Array, mime: string, href = name): ListedFile => {
      const hash = sha256Hex(bytes);
      put(name, bytes, hash);
      return { id, href, mime, size: bytes.length, sha256: hash };
    };

    // certificates: the package signer's chain, and the issuers of the documents' own signatures
    const identity = options.identity;
    const pool = [
      ...(identity ? [identity.certificate, ...(identity.chain ?? [])] : []),
      ...(options.knownCertificates ?? []),
    ];
    if (identity)
      for (const c of [identity.certificate, ...(identity.chain ?? [])]) certificateFingerprints.add(c.fingerprint256);
    const carried = new Map<string, crypto.X509Certificate>();
    for (const c of pool) if (certificateFingerprints.has(c.fingerprint256)) carried.set(c.fingerprint256, c);
    const documentation: ListedFile[] = [];
    const caFiles: Array<{ path: string; subject: string; fingerprint: string }> = [];
    let n = 0;
    for (const c of carried.values()) {
      const kind = c.ca ? 'ca' : 'signer';
      const name = `documentation/certificates/${kind}-${c.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}.pem`;
      documentation.push(listedFile(`doc-cert-${++n}`, name, utf8.encode(c.toString()), 'application/x-pem-file'));
      if (c.ca) caFiles.push({ path: name, subject: c.subject.replace(/\n/g, ', '), fingerprint: c.fingerprint256 });
    }
    // a package signed by a certificate that is its own anchor (no CA) is checked against itself
    if (identity && caFiles.length === 0) {
      const own = documentation.find((d) =>
        d.href.includes(identity.certificate.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()),
      );
      if (own)
        caFiles.push({
          path: own.href,
          subject: identity.certificate.subject.replace(/\n/g, ', '),
          fingerprint: identity.certificate.fingerprint256,
        });
    }

    const leftOut = options.leftOut ?? [];
    const signer = identity
      ? { subject: identity.certificate.subject.replace(/\n/g, ', '), fingerprint: identity.certificate.fingerprint256 }
      : null;
    const readme = readmeText({
      packageId,
      createdAt,
      softwareVersion: options.softwareVersion,
      from: options.period.from,
      to: options.period.to,
      documents: index.length,
      signer,
      caFiles,
      leftOut: leftOut.map((l) => `${l.label}: ${l.reason}`),
    });
    documentation.unshift(listedFile('doc-readme', 'documentation/README.txt', utf8.encode(readme), 'text/plain'));

    const indexJson = utf8.encode(
      JSON.stringify(
        {
          format: 'samrad-archive-index/2',
          packageId,
          createdAt,
          software: `Samråd ${options.softwareVersion}`,
          period: options.period,
          signed: identity !== null,
          packageSignature: signer
            ? {
                file: 'SHA256SUMS.p7s',
                over: 'SHA256SUMS',
                format: 'CMS (PKCS#7) detached, DER',
                signer: signer.subject,
                certificateFingerprint: signer.fingerprint,
              }
            : null,
          unsignedReason: signer
            ? null
            : 'no signing certificate was unlocked at export; the user chose an unsigned package',
          documents: index.length,
          leftOut,
          entries: index,
        },
        null,
        2,
      ) + '\n',
    );
    const descriptive = [
      listedFile('index-json', 'metadata/descriptive/index.json', indexJson, 'application/json'),
      listedFile('index-csv', 'metadata/descriptive/index.csv', utf8.encode(indexCsv(index)), 'text/csv'),
    ];
    const premis = premisXml({
      header,
      documents: index.map((row, i) => ({ row, originalName: sources[i].originalName, events: sources[i].events })),
      exportEvent: {
        id: `export-${packageId}`,
        at: createdAt,
        actor: options.actor,
        detail: `archive package ${packageId} of ${options.period.from} – ${options.period.to}: ${index.length} sealed records copied byte for byte`,
      },
    });
    const preservation = listedFile(
      'premis',
      'metadata/preservation/premis.xml',
      utf8.encode(premis),
      'application/xml',
    );
    const schemas = Object.entries(SCHEMA_FILES).map(([name, text], i) =>
      listedFile(`schema-${i + 1}`, `schemas/${name}`, utf8.encode(text), 'application/xml'),
    );
    const repMets = listedFile(
      'rep1-mets',
      'representations/rep1/METS.xml',
      utf8.encode(representationMets(header, data)),
      'application/xml',
    );
    put(
      'METS.xml',
      utf8.encode(rootMets({ header, descriptive, preservation, documentation, schemas, representationMets: repMets })),
    );
    const sums = utf8.encode(sha256Sums(listed));
    if (format === 'zip') files['SHA256SUMS'] = sums;
    else fs.writeFileSync(path.join(temp, 'SHA256SUMS'), sums, { flag: 'wx' });
    if (identity) {
      const signature = signSums(sums, identity, options.createdAt);
      if (format === 'zip') files['SHA256SUMS.p7s'] = signature;
      else fs.writeFileSync(path.join(temp, 'SHA256SUMS.p7s'), signature, { flag: 'wx' });
    }
    // documents are already compressed: store them, compress only the text files
    if (format === 'zip') {
      const mtime = options.createdAt;
      const entries = Object.fromEntries(
        Object.entries(files).map(([name, bytes]) => [
          name,
          [bytes, { level: name.endsWith('.docx') ? 0 : 6, mtime }] as [Uint8Array, { level: 0 | 6; mtime: Date }],
        ]),
      );
      fs.writeFileSync(temp, zipSync(entries), { flag: 'wx' });
    }
    if (options.signal?.aborted) throw cancelled();
    if (fs.existsSync(target)) {
      const old = `${temp}.old`;
      fs.renameSync(target, old);
      fs.renameSync(temp, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(temp, target);
    }
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw notWritable(target, error);
  }
  return {
    path: target,
    format,
    packageId,
    signed: options.identity !== null,
    documents: index.length,
    index,
    cleaned,
  };
}
