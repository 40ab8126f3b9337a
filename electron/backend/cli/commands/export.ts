import path from 'node:path';
import type { VersionSummary } from '../../../../shared/contract/agreements';
import type { Page } from '../../../../shared/contract/paging';
import type { ExportSource } from '../../../../shared/contract/exports';
import { PASSPHRASE_ENV } from '../../../../shared/contract/signing';
import { AppError } from '../../../../shared/errors';
import type { Backend } from '../../backend';
import {
  UsageError,
  flag,
  flagsInUsage,
  languageFlag,
  requiredFlag,
  type Command,
  type CommandContext,
} from '../command';
import { call } from '../call';

/** One kind `samrad export <kind>` knows. Common flags: --out FILE, --overwrite, --lang sv|en, --sign; --with-attachments (a .zip) for meeting documents. */
interface ExportKind {
  usage: string;
  run(ctx: CommandContext, backend: Backend): Promise<number>;
}

function positiveId(raw: string, name: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(`--${name} must be a positive whole number${name === 'version' ? ' or "current"' : ''}`);
  return id;
}

function idFlag(ctx: CommandContext, name: string): number {
  const raw = requiredFlag(ctx, name);
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--${name} must be a positive whole number`);
  return id;
}

/** Through the one export pipeline to the file --out names (relative to the shell's folder). */
function toFile(ctx: CommandContext, backend: Backend, source: ExportSource) {
  const target = path.resolve(requiredFlag(ctx, 'out'));
  if (ctx.flags['with-attachments'] === true && !target.toLowerCase().endsWith('.zip'))
    throw new UsageError('--with-attachments writes the document and its handlingar as one .zip: --out FILE.zip');
  return call(backend, 'exports.toFile', {
    source,
    lang: languageFlag(ctx),
    sign: ctx.flags.sign === true,
    withAttachments: ctx.flags['with-attachments'] === true,
    target,
    overwrite: ctx.flags.overwrite === true,
  });
}

async function save(ctx: CommandContext, backend: Backend, source: ExportSource): Promise<number> {
  const written = await toFile(ctx, backend, source);
  ctx.io.out(`Written: ${written.path} (sha256 ${written.sha256})`);
  return 0;
}

/**
 * `--version current`: the version in force today; when none is, the most recent signed one
 * (said on stderr). With several agreements, --agreement ID chooses which.
 */
/** The agreement when there is just one; otherwise the user must choose. */
async function onlyAgreement(backend: Backend) {
  const agreements = await call(backend, 'agreements.list', { limit: 2 });
  const [only] = agreements.items;
  if (agreements.total === 1 && only) return call(backend, 'agreements.get', { id: only.id });
  throw new UsageError(
    agreements.total === 0
      ? 'there are no agreements yet'
      : `there are ${agreements.total} agreements: choose one with --agreement ID`,
  );
}

/** The signed version with the latest period, read newest first a page at a time. */
async function latestSigned(backend: Backend, agreementId: number): Promise<VersionSummary | undefined> {
  for (let after: string | null = null; ;) {
    const page: Page<VersionSummary> = await call(backend, 'agreements.versions.list', {
      agreementId,
      limit: 100,
      after,
    });
    const signed = page.items.find((v) => v.storedStatus === 'signed');
    if (signed || !page.next) return signed;
    after = page.next;
  }
}

async function currentVersion(ctx: CommandContext, backend: Backend): Promise<VersionSummary> {
  const agreementFlag = flag(ctx, 'agreement');
  const agreement = agreementFlag
    ? await call(backend, 'agreements.get', { id: positiveId(agreementFlag, 'agreement') })
    : await onlyAgreement(backend);
  if (agreement.inForce) return agreement.inForce;
  const signed = await latestSigned(backend, agreement.id);
  if (!signed)
    throw new AppError(
      'INVALID_STATE',
      `Agreement ${agreement.id} has no signed version yet; give --version ID to export a draft`,
    );
  ctx.io.err(
    `No version is in force today; exporting the latest signed version ${signed.id} (${signed.validFrom} – ${signed.validTo}, ${signed.status}).`,
  );
  return signed;
}

/** The archive's bodies by name (as `samrad list bodies` shows them). */
async function bodyIdsByName(ctx: CommandContext, backend: Backend): Promise<number[]> {
  const names = (flag(ctx, 'body') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const ids: number[] = [];
  for (const name of names) {
    const body = await call(backend, 'bodies.findByName', { name });
    if (!body) throw new UsageError(`no body named "${name}" (see: samrad list bodies)`);
    ids.push(body.id);
  }
  return ids;
}

/** `samrad export archive`: the archivist's export, with progress on stderr. */
async function exportArchive(ctx: CommandContext, backend: Backend): Promise<number> {
  const from = requiredFlag(ctx, 'from');
  const to = requiredFlag(ctx, 'to');
  // on a command line a relative name means the shell's folder; the contract itself takes absolute paths only
  const out = path.resolve(requiredFlag(ctx, 'out'));
  const bodyIds = await bodyIdsByName(ctx, backend);
  const passphraseVar = flag(ctx, 'passphrase-env') ?? PASSPHRASE_ENV;
  const passphrase = process.env[passphraseVar];
  if (passphrase) await call(backend, 'certificates.unlock', { passphrase });
  else if (flag(ctx, 'passphrase-env')) throw new UsageError(`environment variable ${passphraseVar} is not set`);
  let last = 0;
  backend.events.on('event', (name: string, payload: { done: number; total: number; label?: string }) => {
    if (name !== 'progress') return;
    if (
      payload.done === payload.total ||
      payload.done - last >= Math.max(1, Math.floor(payload.total / 100)) ||
      payload.done === 0
    ) {
      ctx.io.err(`[${payload.done}/${payload.total}] ${payload.label ?? ''}`);
      last = payload.done;
    }
  });
  const value = await call(backend, 'archive.export', {
    from,
    to,
    bodyIds,
    includeAgreements: ctx.flags['no-agreements'] !== true,
    includeCorrections: ctx.flags['no-corrections'] !== true,
    target: out,
    overwrite: ctx.flags.overwrite === true,
    allowUnsigned: ctx.flags.unsigned === true,
  });
  ctx.io.out(
    `Archive package written: ${value.path} (${value.format}, E-ARK SIP ${value.packageId}, ${value.documents} documents, ${value.signed ? 'SHA256SUMS signed' : 'UNSIGNED: no certificate was unlocked'})`,
  );
  for (const l of value.leftOut) ctx.io.out(`  left out: ${l.label} (${l.why.replace(/_/g, ' ')})`);
  for (const c of value.cleaned) ctx.io.out(`  removed the temporary folder of an interrupted export: ${c}`);
  return 0;
}

const exportKinds: Record<string, ExportKind> = {
  protocol: {
    usage:
      'samrad export protocol --meeting ID --out FILE.docx|FILE.zip [--with-attachments] [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) => save(ctx, backend, { kind: 'protocol', meetingId: idFlag(ctx, 'meeting') }),
  },
  extract: {
    usage:
      'samrad export extract --paragraph ID --out FILE.docx|FILE.zip [--with-attachments] [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) => save(ctx, backend, { kind: 'extract', paragraphId: idFlag(ctx, 'paragraph') }),
  },
  correction: {
    usage: 'samrad export correction --correction ID --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) => save(ctx, backend, { kind: 'correction', correctionId: idFlag(ctx, 'correction') }),
  },
  agenda: {
    usage:
      'samrad export agenda --meeting ID --out FILE.docx|FILE.zip [--with-attachments] [--lang sv|en] [--overwrite] [--db FILE]',
    run: (ctx, backend) => save(ctx, backend, { kind: 'agenda', meetingId: idFlag(ctx, 'meeting') }),
  },
  agreement: {
    usage:
      'samrad export agreement --version ID|current [--agreement ID] --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    async run(ctx, backend) {
      requiredFlag(ctx, 'out');
      const lang = languageFlag(ctx);
      const which = requiredFlag(ctx, 'version');
      const versionId = which === 'current' ? (await currentVersion(ctx, backend)).id : positiveId(which, 'version');
      const written = await toFile(ctx, backend, { kind: 'agreement', versionId });
      ctx.io.out(
        `Written: ${written.path} (version ${versionId}, ${lang}${ctx.flags.sign === true ? ', signed' : ''}, sha256 ${written.sha256})`,
      );
      return 0;
    },
  },
  archive: {
    usage: `samrad export archive --from DATE --to DATE [--body NAME[,NAME…]] [--no-agreements] [--no-corrections] --out DIR|FILE.zip [--overwrite] [--unsigned] [--passphrase-env VAR (default $${PASSPHRASE_ENV})] [--db FILE]`,
    run: exportArchive,
  },
};

export const exportCommand: Command = {
  usage: Object.values(exportKinds)
    .map((k) => k.usage)
    .join('\n  '),
  summary: 'export documents (Word files, archives)',
  // each kind takes the flags its usage shows: `export agenda --sign` is an error, not an unsigned file
  flagsFor(args) {
    const kind = args[0] ? exportKinds[args[0]] : undefined;
    return kind ? { flags: flagsInUsage(kind.usage), usage: kind.usage } : undefined;
  },
  async run(ctx) {
    const name = ctx.args[0];
    const kind = name ? exportKinds[name] : undefined;
    if (!kind) throw new UsageError(`export what? one of: ${Object.keys(exportKinds).join(', ')}`);
    const backend = await ctx.openBackend();
    try {
      return await kind.run(ctx, backend);
    } finally {
      backend.close();
    }
  },
};
