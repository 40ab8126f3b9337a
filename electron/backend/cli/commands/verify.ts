import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { VerifyReport } from '../../../../shared/contract/signing';
import { AppError } from '../../../../shared/errors';
import { UsageError, flag, type Command } from '../command';
import { call } from '../call';

/** The first line says whether to trust the document, before any detail. */
const HEADLINES: Record<VerifyReport['verdict'], (count: number) => string> = {
  trusted: (n) =>
    `VALID AND TRUSTED: ${n} signature(s), all intact, each by a certificate that chains to a trusted CA.`,
  untrusted: (n) =>
    `NOT TRUSTED: ${n} signature(s) are intact, but not every signer's certificate chains to a CA you trust, so nothing shows who signed. ` +
    "If you expect the organisation's signature, import its CA certificate (samrad cert trust CA.pem) and verify again.",
  invalid: () => 'INVALID: the document was changed after signing or the signature does not hold.',
  unsigned: () => 'NOT SIGNED: the document carries no package signature.',
};

/** Exit codes for scripts: only a valid and trusted document is 0. */
export const VERIFY_EXIT: Record<VerifyReport['verdict'], number> = {
  trusted: 0,
  invalid: 1,
  unsigned: 2,
  untrusted: 3,
};

export function printReport(report: VerifyReport, out: (line: string) => void): void {
  if (!report.signed) {
    out(HEADLINES.unsigned(0));
    return;
  }
  out(HEADLINES[report.verdict](report.signatures.length));
  for (const s of report.signatures) {
    out(`\n${s.part}: ${s.valid ? 'valid' : 'INVALID'}`);
    if (s.certificate) {
      out(`  signer:      ${s.certificate.subject}`);
      out(`  issuer:      ${s.certificate.issuer}`);
      out(`  valid:       ${s.certificate.validFrom} – ${s.certificate.validTo}`);
      out(`  fingerprint: ${s.certificate.fingerprint}`);
    }
    out(`  signed at:   ${s.signingTime ?? 'unknown'}`);
    out(
      `  signature value: ${s.signatureValueOk ? 'ok' : 'FAILED'}; references ok: ${s.references.filter((r) => r.ok).length}/${s.references.length}`,
    );
    out(
      `  trusted:     ${s.trusted ? `yes (chains to ${s.trustedBy})` : 'no (the certificate does not chain to a trusted certificate)'}`,
    );
    const notCovered = report.parts.filter(
      (p) => p !== '[Content_Types].xml' && !p.startsWith('_xmlsignatures/') && !s.references.some((r) => r.part === p),
    );
    out(`  not covered: ${notCovered.join(', ') || '(none)'}`);
    for (const problem of s.problems) out(`  ! ${problem}`);
  }
}

/** `samrad verify FILE.docx` — exit 0 valid and trusted, 3 intact but not trusted, 1 invalid, 2 unsigned or unreadable. */
export const verifyCommand: Command = {
  usage: 'samrad verify FILE.docx [--json] [--trusted CA.pem] [--db FILE]',
  flags: ['json', 'trusted'],
  summary:
    'check the digital signatures of a Word file; exit 0 valid and trusted, 3 intact but not trusted, 1 invalid, 2 unsigned or unreadable',
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UsageError('verify needs a .docx file');
    const resolved = path.resolve(file);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(resolved);
    } catch (error) {
      ctx.io.err(
        `samrad verify: cannot read ${resolved}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 2;
    }
    const trustedFile = flag(ctx, 'trusted');
    const alsoTrusted: string[] = [];
    if (trustedFile) {
      const ca = fs.readFileSync(path.resolve(trustedFile));
      // refused here with the certificate reader's own words, before anything is opened
      new crypto.X509Certificate(ca);
      alsoTrusted.push(ca.toString('base64'));
    }
    // the database's trusted certificates count too, but verifying never creates a database
    const backend = await ctx.openBackend(fs.existsSync(ctx.dbPath) ? {} : { inMemory: true });
    let report: VerifyReport;
    try {
      report = await call(backend, 'documents.verify', { fileBase64: bytes.toString('base64'), alsoTrusted });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (ctx.flags.json) ctx.io.out(JSON.stringify({ readable: false, error: error.message }, null, 2));
      ctx.io.err(`samrad verify: ${error.message}`);
      return 2;
    } finally {
      backend.close();
    }
    if (ctx.flags.json) ctx.io.out(JSON.stringify({ readable: true, file: resolved, ...report }, null, 2));
    else printReport(report, ctx.io.out);
    return VERIFY_EXIT[report.verdict];
  },
};
