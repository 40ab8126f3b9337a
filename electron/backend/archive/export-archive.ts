import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';
import { write } from '../audit/log';
import { identityIfReady } from '../records/seal';
import { trustedCertificates } from '../signing/certificates/store';
import { archiveSources, leftOut, type ArchiveFilter, type LeftOut } from './sources';
import { isSamradPackageFolder, writeArchive, type ArchiveResult } from './writer';
import { version as softwareVersion } from '../../../package.json';

/** Running archive exports, so `archive.cancel` can stop one by its task id. */
const running = new Map<string, AbortController>();

export interface ArchiveRequest extends ArchiveFilter {
  target?: string;
  /** write a .zip to a private temporary folder and return its bytes (browser mode's download) */
  download?: boolean;
  overwrite: boolean;
  /** with no signing certificate unlocked: write the package unsigned (saying so in its README and index) instead of refusing */
  allowUnsigned?: boolean;
  taskId?: string;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Targets that must not be written: inside the database's folder (next to the live database
 * and its backups, where a replaced folder could take them along) or inside an earlier package
 * (which would break that package's SHA256SUMS).
 */
function assertTargetAllowed(ctx: Ctx, target: string): void {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const dbFolder = real(path.dirname(ctx.dbPath));
  const parent = real(path.dirname(target));
  const resolved = path.join(parent, path.basename(target));
  if (ctx.dbPath !== ':memory:' && inside(resolved, dbFolder)) {
    throw new AppError(
      'VALIDATION',
      `The archive cannot be written inside the database's folder (${dbFolder}); choose another folder`,
      {
        fields: { target: 'signing.validation.archive_in_database_folder' },
      },
    );
  }
  for (let dir = parent; ; dir = path.dirname(dir)) {
    if (isSamradPackageFolder(dir)) {
      throw new AppError('VALIDATION', `The archive cannot be written inside an earlier archive package (${dir})`, {
        fields: { target: 'signing.validation.archive_inside_package' },
      });
    }
    if (path.dirname(dir) === dir) break;
  }
}

function organisationNames(ctx: Ctx): string[] {
  return ctx.db
    .prepare(
      "SELECT name FROM organisation ORDER BY CASE kind WHEN 'kommun' THEN 0 WHEN 'polis' THEN 1 WHEN 'raddningstjanst' THEN 2 ELSE 3 END, id",
    )
    .pluck()
    .all() as string[];
}

const REASON_TEXT: Record<LeftOut['why'], string> = {
  protocol_not_attested: 'the protocol is not attested (a draft or waiting for justering): not a record yet',
  meeting_cancelled: 'the meeting was cancelled',
  agreement_not_signed: 'the agreement version is not signed by every party: not a record yet',
};

/**
 * The archivist's export: the sealed records of the period as an E-ARK SIP, copied byte for
 * byte with their seals re-checked first, SHA256SUMS signed by the organisation's certificate,
 * written with progress events ('progress' with the task id); can be cancelled. Nothing is
 * rendered here: the records are what was attested or signed.
 */
type ExportResult = ArchiveResult & {
  taskId: string;
  leftOut: LeftOut[];
  download: { fileName: string; base64: string } | null;
};

export async function exportArchive(ctx: Ctx, request: ArchiveRequest): Promise<ExportResult> {
  if (request.download) {
    // a folder only this user can read, removed whatever happens: the bytes go back to the browser, nothing stays on disk
    const stale = cleanStaleDownloads();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `samrad-archive-download-${process.pid}-`));
    try {
      const fileName = `arkiv_${request.from}_${request.to}.zip`;
      const result = await exportTo(ctx, { ...request, target: path.join(dir, fileName) });
      return {
        ...result,
        cleaned: [...stale, ...result.cleaned],
        download: { fileName, base64: fs.readFileSync(result.path).toString('base64') },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!request.target)
    throw new AppError('VALIDATION', 'A target or download is needed', {
      fields: { target: 'signing.validation.archive_target_or_download' },
    });
  const target = path.resolve(request.target);
  assertTargetAllowed(ctx, target);
  return exportTo(ctx, { ...request, target });
}

/** Download folders left by a process that was killed mid-export (its pid no longer runs): removed, and reported. */
function cleanStaleDownloads(): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.match(/^samrad-archive-download-(\d+)-/)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    removed.push(path.join(os.tmpdir(), name));
  }
  return removed;
}

async function exportTo(ctx: Ctx, request: ArchiveRequest & { target: string }): Promise<ExportResult> {
  const taskId = request.taskId ?? crypto.randomUUID();
  if (running.has(taskId)) throw new AppError('CONFLICT', 'An archive export with this task id is already running');
  const target = request.target;
  const identity = identityIfReady(ctx);
  if (!identity && !request.allowUnsigned) {
    throw new AppError(
      'INVALID_STATE',
      'No signing certificate is unlocked, so the package cannot be signed: unlock one under Certificates, or choose to export an unsigned package (its README and index will say so)',
      { params: { reason: 'signing.errors.archive_unsigned' } },
    );
  }
  const controller = new AbortController();
  running.set(taskId, controller);
  try {
    const sources = archiveSources(ctx, request);
    const skipped = leftOut(ctx, request);
    const organisations = organisationNames(ctx);
    const certificateOrganisation = identity?.certificate.subject
      .split('\n')
      .find((l) => l.startsWith('O='))
      ?.slice(2);
    const known = (
      ctx.db.prepare('SELECT certificate_der, chain FROM certificate').all() as Array<{
        certificate_der: Buffer;
        chain: string;
      }>
    ).flatMap((r) => [
      new crypto.X509Certificate(r.certificate_der),
      ...(JSON.parse(r.chain) as string[]).map((b64) => new crypto.X509Certificate(Buffer.from(b64, 'base64'))),
    ]);
    ctx.emit('progress', { taskId, done: 0, total: sources.length, label: '' });
    const result = await writeArchive(sources, {
      target,
      overwrite: request.overwrite,
      signal: controller.signal,
      createdAt: ctx.clock.now(),
      period: { from: request.from, to: request.to },
      identity,
      trusted: trustedCertificates(ctx),
      knownCertificates: known,
      softwareVersion,
      submitter: certificateOrganisation ?? organisations[0] ?? 'Samråd',
      creators: organisations,
      leftOut: skipped.map((l) => ({ label: l.label, reason: REASON_TEXT[l.why] })),
      actor: ctx.osUserName,
      onProgress: (done, total, label) => ctx.emit('progress', { taskId, done, total, label }),
    });
    write(ctx, (record) =>
      record({
        action: 'export',
        entity: 'archive',
        entityId: taskId,
        after: {
          path: result.path,
          format: result.format,
          packageId: result.packageId,
          signed: result.signed,
          documents: result.documents,
          from: request.from,
          to: request.to,
          cleaned: result.cleaned,
        },
      }),
    );
    return { ...result, taskId, leftOut: skipped, download: null };
  } finally {
    running.delete(taskId);
  }
}

export function cancelArchive(taskId: string): { cancelled: boolean } {
  const controller = running.get(taskId);
  controller?.abort();
  return { cancelled: controller !== undefined };
}
