import type { ListKind } from '../cli/list';
import type { ExportKind } from '../cli/export';
import { flag, languageFlag, requiredFlag, UsageError, type CommandContext } from '../cli/command';
import { AppError } from '../../../shared/errors';
import type { Ctx } from '../context';
import type { AgreementSummary, VersionSummary } from '../../../shared/contract/agreements';
import { listAgreements } from './agreements';
import { listVersions } from './read';
import { exportToFile } from '../export/pipeline';

type Row<T> = (row: T) => unknown;
const columns = <T>(list: Array<[string, Row<T>]>) => list as Array<[string, Row<never>]>;

/** `samrad list agreements|versions` */
export const agreementListKinds: Record<string, ListKind> = {
  agreements: {
    method: 'agreements.list',
    input: {},
    columns: columns<AgreementSummary>([
      ['id', (a) => a.id],
      ['name', (a) => a.name],
      ['versions', (a) => a.versionCount],
      [
        'in force',
        (a) =>
          a.inForce ? `${a.inForce.title} (v${a.inForce.id}, ${a.inForce.validFrom} – ${a.inForce.validTo})` : '',
      ],
      ['days left', (a) => a.daysLeft],
      ['ending soon', (a) => (a.endingSoon ? 'yes' : '')],
    ]),
  },
  versions: {
    method: 'agreements.versions.list',
    input: {},
    columns: columns<VersionSummary>([
      ['id', (v) => v.id],
      ['agreement', (v) => v.agreementId],
      ['title', (v) => v.title],
      ['dnr', (v) => v.dnr],
      ['from', (v) => v.validFrom],
      ['to', (v) => v.validTo],
      ['status', (v) => v.status],
      ['predecessor', (v) => v.predecessorId],
      ['signed', (v) => v.signedAt],
      ['content hash', (v) => v.contentHash?.slice(0, 16)],
    ]),
  },
};

function positiveId(raw: string, name: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(`--${name} must be a positive whole number${name === 'version' ? ' or "current"' : ''}`);
  return id;
}

/**
 * `--version current`: the version in force today; when none is, the most recent signed one
 * (said on stderr). With several agreements, --agreement ID chooses which.
 */
function currentVersion(ctx: CommandContext, backendCtx: Ctx): VersionSummary {
  const agreementFlag = flag(ctx, 'agreement');
  const agreements = listAgreements(backendCtx);
  const agreement = agreementFlag
    ? agreements.find((a) => a.id === positiveId(agreementFlag, 'agreement'))
    : agreements.length === 1
      ? agreements[0]
      : undefined;
  if (!agreement) {
    if (agreementFlag) throw new AppError('NOT_FOUND', `Agreement ${agreementFlag} does not exist`);
    throw new UsageError(
      agreements.length === 0
        ? 'there are no agreements yet'
        : `there are ${agreements.length} agreements: choose one with --agreement ID`,
    );
  }
  if (agreement.inForce) return agreement.inForce;
  const signed = listVersions(backendCtx, agreement.id)
    .filter((v) => v.storedStatus === 'signed')
    .at(-1);
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

/** `samrad export agreement` */
export const agreementExportKinds: Record<string, ExportKind> = {
  agreement: {
    usage:
      'samrad export agreement --version ID|current [--agreement ID] --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    async run(ctx, backend) {
      const out = requiredFlag(ctx, 'out');
      const lang = languageFlag(ctx);
      const sign = ctx.flags.sign === true;
      const which = requiredFlag(ctx, 'version');
      const versionId = which === 'current' ? currentVersion(ctx, backend.ctx).id : positiveId(which, 'version');
      const written = await exportToFile(
        backend.ctx,
        { source: { kind: 'agreement', versionId }, lang, sign },
        out,
        ctx.flags.overwrite === true,
      );
      ctx.io.out(
        `Written: ${written.path} (version ${versionId}, ${lang}${sign ? ', signed' : ''}, sha256 ${written.sha256})`,
      );
      return 0;
    },
  },
};
