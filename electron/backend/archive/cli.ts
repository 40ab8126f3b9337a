import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportKind } from '../cli/export';
import { UsageError, flag, requiredFlag, type Command } from '../cli/command';
import { AppError } from '../../../shared/errors';
import type { ArchiveVerifyReport } from '../../../shared/contract/archive';
import { PASSPHRASE_ENV, trustedCertificates, unlock } from '../signing/certificates/store';
import { verdictExitCode, verifyArchive } from './verify-archive';

/** `samrad export archive`: the archivist's export, with progress on stderr. */
export const archiveExportKinds: Record<string, ExportKind> = {
  archive: {
    usage: `samrad export archive --from DATE --to DATE [--body NAME[,NAME…]] [--no-agreements] [--no-corrections] --out DIR|FILE.zip [--overwrite] [--unsigned] [--passphrase-env VAR (default $${PASSPHRASE_ENV})] [--db FILE]`,
    async run(ctx, backend) {
      const from = requiredFlag(ctx, 'from');
      const to = requiredFlag(ctx, 'to');
      // on a command line a relative name means the shell's folder; the contract itself takes absolute paths only
      const out = path.resolve(requiredFlag(ctx, 'out'));
      const bodyNames = (flag(ctx, 'body') ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const bodyIds = bodyNames.map((name) => {
        const id = backend.ctx.db
          .prepare('SELECT id FROM body WHERE name = ? COLLATE NOCASE OR name_key = lower(?)')
          .pluck()
          .get(name, name) as number | undefined;
        if (id === undefined) throw new UsageError(`no body named "${name}" (see: samrad list bodies)`);
        return id;
      });
      const passphraseVar = flag(ctx, 'passphrase-env') ?? PASSPHRASE_ENV;
      const passphrase = process.env[passphraseVar];
      if (passphrase) unlock(backend.ctx, passphrase);
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
      const input = {
        from,
        to,
        bodyIds,
        includeAgreements: ctx.flags['no-agreements'] !== true,
        includeCorrections: ctx.flags['no-corrections'] !== true,
        target: out,
        overwrite: ctx.flags.overwrite === true,
        allowUnsigned: ctx.flags.unsigned === true,
      };
      const result = await backend.dispatch('archive.export', input);
      if (!result.ok)
        throw new AppError(result.error.code, result.error.message, {
          fields: result.error.fields,
          params: result.error.params,
        });
      const value = result.value as {
        path: string;
        documents: number;
        format: string;
        packageId: string;
        signed: boolean;
        leftOut: Array<{ label: string; why: string }>;
        cleaned: string[];
      };
      ctx.io.out(
        `Archive package written: ${value.path} (${value.format}, E-ARK SIP ${value.packageId}, ${value.documents} documents, ${value.signed ? 'SHA256SUMS signed' : 'UNSIGNED: no certificate was unlocked'})`,
      );
      for (const l of value.leftOut) ctx.io.out(`  left out: ${l.label} (${l.why.replace(/_/g, ' ')})`);
      for (const c of value.cleaned) ctx.io.out(`  removed the temporary folder of an interrupted export: ${c}`);
      return 0;
    },
  },
};

function printArchiveReport(report: ArchiveVerifyReport, out: (line: string) => void): void {
  const verdicts = {
    trusted: 'VALID AND TRUSTED: every check holds and the package signature chains to a trusted certificate.',
    intact:
      'INTACT BUT NOT TRUSTED: every check holds, but the package is unsigned or its signature does not chain to a certificate you trust.',
    invalid: 'INVALID: the package was changed, is incomplete, or does not follow E-ARK CSIP/SIP.',
  };
  out(verdicts[report.verdict]);
  out(`package ${report.packageId ?? '(no id)'}, ${report.files} files, ${report.source}`);
  for (const c of report.checks) {
    out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.skipped ? ` (not checked: ${c.skipped})` : ''}`);
    for (const p of c.problems.slice(0, 20)) out(`         ! ${p}`);
    if (c.problems.length > 20) out(`         … and ${c.problems.length - 20} more`);
  }
  const s = report.packageSignature;
  if (s)
    out(
      `package signature: ${s.valid ? 'valid' : 'INVALID'}, ${s.trusted ? `trusted (chains to ${s.trustedBy})` : 'not trusted'}; signer ${s.signer}; certificate SHA-256 ${s.fingerprint}; signed at ${s.signingTime ?? 'unknown'}`,
    );
  out('documents:');
  for (const d of report.documents) {
    const sig = d.signed
      ? d.signatures
          .map(
            (x) =>
              `${x.valid ? 'valid' : 'INVALID'}${x.trusted ? ', trusted' : ', not trusted'} signature by ${x.signer} (${x.signingTime ?? 'no time'})`,
          )
          .join('; ')
      : 'no package signature';
    out(`  ${d.valid ? 'ok  ' : 'FAIL'} ${d.path}: ${sig}`);
  }
}

/** `samrad verify-archive DIR|FILE.zip` — exit 0 valid and trusted, 3 intact but not trusted, 1 invalid, 2 unreadable. */
export const verifyArchiveCommand: Command = {
  usage: 'samrad verify-archive DIR|FILE.zip [--json] [--trusted CA.pem] [--db FILE]',
  flags: ['json', 'trusted'],
  summary:
    'check an archive package offline (structure, schemas, checksums, signatures); exit 0 valid and trusted, 3 intact but not trusted, 1 invalid, 2 unreadable',
  async run(ctx) {
    const target = ctx.args[0];
    if (!target) throw new UsageError('verify-archive needs a package folder or .zip');
    const trusted: crypto.X509Certificate[] = [];
    const trustedFile = flag(ctx, 'trusted');
    try {
      if (trustedFile) trusted.push(new crypto.X509Certificate(fs.readFileSync(path.resolve(trustedFile))));
    } catch (error) {
      throw new UsageError(`--trusted ${trustedFile}: not a readable certificate (${(error as Error).message})`);
    }
    // the database's trusted certificates count too, but verifying never creates a database
    if (fs.existsSync(ctx.dbPath)) {
      const backend = await ctx.openBackend();
      try {
        trusted.push(...trustedCertificates(backend.ctx));
      } finally {
        backend.close();
      }
    }
    let report: ArchiveVerifyReport;
    try {
      report = verifyArchive(path.resolve(target), { trusted });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (ctx.flags.json)
        ctx.io.out(
          JSON.stringify({ readable: false, error: error.message, reason: error.params?.reason ?? null }, null, 2),
        );
      ctx.io.err(`samrad verify-archive: ${error.message}`);
      return 2;
    }
    if (ctx.flags.json) ctx.io.out(JSON.stringify(report, null, 2));
    else printArchiveReport(report, ctx.io.out);
    return verdictExitCode(report.verdict);
  },
};
