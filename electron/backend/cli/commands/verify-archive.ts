import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveVerifyReport } from '../../../../shared/contract/archive';
import { AppError } from '../../../../shared/errors';
import { UsageError, flag, type Command } from '../command';
import { call } from '../call';

/** Exit codes for scripts: only a valid and trusted package is 0. */
const ARCHIVE_EXIT: Record<ArchiveVerifyReport['verdict'], number> = { trusted: 0, intact: 3, invalid: 1 };

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
    const trustedFile = flag(ctx, 'trusted');
    const alsoTrusted: string[] = [];
    try {
      if (trustedFile) {
        const ca = fs.readFileSync(path.resolve(trustedFile));
        new crypto.X509Certificate(ca);
        alsoTrusted.push(ca.toString('base64'));
      }
    } catch (error) {
      throw new UsageError(`--trusted ${trustedFile}: not a readable certificate (${(error as Error).message})`);
    }
    // the database's trusted certificates count too, but verifying never creates a database
    const backend = await ctx.openBackend(fs.existsSync(ctx.dbPath) ? {} : { inMemory: true });
    let report: ArchiveVerifyReport;
    try {
      report = await call(backend, 'archive.verify', { path: path.resolve(target), alsoTrusted });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (ctx.flags.json)
        ctx.io.out(
          JSON.stringify({ readable: false, error: error.message, reason: error.params?.reason ?? null }, null, 2),
        );
      ctx.io.err(`samrad verify-archive: ${error.message}`);
      return 2;
    } finally {
      backend.close();
    }
    if (ctx.flags.json) ctx.io.out(JSON.stringify(report, null, 2));
    else printArchiveReport(report, ctx.io.out);
    return ARCHIVE_EXIT[report.verdict];
  },
};
