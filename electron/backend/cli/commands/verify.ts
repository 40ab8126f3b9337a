import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SignatureCheck, VerifyReport } from '../../../../shared/contract/signing';
import { DEFAULT_TIME_ZONE, isTimeZone, zonedDate, zonedTime } from '../../../../shared/time/zoned-date';
import { AppError } from '../../../../shared/errors';
import { UsageError, flag, type Command } from '../command';
import { call } from '../call';

const COMMITMENTS: Record<string, string> = {
  'http://uri.etsi.org/01903/v1.2.2#ProofOfApproval': 'proof of approval (the signer approves the content)',
  'http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin': "proof of origin (the organisation's seal)",
};

/** "2017-03-20 kl. 10.15" in the zone Samråd's dates use, and the instant itself for scripts and logs. */
function swedishTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const zone =
    process.env.SAMRAD_TIME_ZONE && isTimeZone(process.env.SAMRAD_TIME_ZONE)
      ? process.env.SAMRAD_TIME_ZONE
      : DEFAULT_TIME_ZONE;
  return `${zonedDate(at, zone)} kl. ${zonedTime(at, zone).replace(':', '.')} (${zone}; ${at.toISOString()})`;
}

/** Everything that failed, signature by signature, for the INVALID headline. */
function whatFailed(report: VerifyReport): string[] {
  return [...report.problems, ...report.signatures.flatMap((s) => s.problems.map((p) => `${s.part}: ${p}`))];
}

/** The first line says whether to trust the document, in words anyone can act on, before any detail. */
function headline(report: VerifyReport): string {
  const n = report.signatures.length;
  switch (report.verdict) {
    case 'trusted':
      return `VALID AND TRUSTED: ${n} signature(s), all intact, each by a certificate that chains to a CA you trust.`;
    case 'untrusted': {
      const signerUntrusted = report.signatures.some((s) => !s.trusted);
      return (
        'NOT TRUSTED: the document is unchanged since it was signed, but ' +
        (signerUntrusted
          ? "Samråd cannot tell who signed it: the signer's certificate was not issued by a CA you trust, so anyone could have made it. " +
            "What to do: get your organisation's CA certificate from whoever manages your certificates, import it (samrad cert trust CA.pem, " +
            'or Certificates in the app) and verify again. Until then, do not rely on this signature.'
          : 'the time of a signature comes from a time-stamping service you do not trust. ' +
            "What to do: import that service's CA certificate (samrad cert trust CA.pem) and verify again.")
      );
    }
    case 'invalid': {
      const failed = whatFailed(report);
      return `INVALID: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? ` (and ${failed.length - 3} more, below)` : ''}.`;
    }
    case 'unsigned':
      return 'NOT SIGNED: the document carries no package signature.';
  }
}

/** Exit codes for scripts: only a valid and trusted document is 0. */
export const VERIFY_EXIT: Record<VerifyReport['verdict'], number> = {
  trusted: 0,
  invalid: 1,
  unsigned: 2,
  untrusted: 3,
};

function timeLine(s: SignatureCheck): string {
  if (s.timestamp && s.timeSource === 'timestamp')
    return `${swedishTime(s.timestamp.time!)}, from a timestamp by ${s.timestamp.authority?.subject ?? 'an unknown authority'} (${s.timestamp.trusted ? `trusted, chains to ${s.timestamp.trustedBy}` : 'NOT trusted: its CA is not trusted'})`;
  if (s.signingTime) return `${swedishTime(s.signingTime)}, from the signer's own clock (no trusted timestamp)`;
  return 'unknown';
}

export function printReport(report: VerifyReport, out: (line: string) => void): void {
  out(headline(report));
  if (!report.signed) return;
  for (const problem of report.problems) out(`! ${problem}`);
  for (const s of report.signatures) {
    out(`\n${s.part}: ${s.valid ? 'valid' : 'INVALID'}`);
    if (s.certificate) out(`  signer:      ${s.certificate.subject}`);
    out(
      `  person:      ${s.knownSigner ? `${s.knownSigner.name} (known in this database)` : 'no one in this database holds this certificate'}`,
    );
    if (s.role) out(`  role:        ${s.role}`);
    if (s.commitment) out(`  commitment:  ${COMMITMENTS[s.commitment] ?? s.commitment}`);
    if (s.comment) out(`  comment:     ${s.comment}`);
    out(`  time:        ${timeLine(s)}`);
    out(`  level:       ${s.level}`);
    if (s.certificate) {
      out(`  chain:       ${[s.certificate.subject, ...s.chain.map((c) => c.subject)].join(' ← ')}`);
      out(`  issuer:      ${s.certificate.issuer}`);
      out(`  valid:       ${s.certificate.validFrom} – ${s.certificate.validTo}`);
      out(`  fingerprint: ${s.certificate.fingerprint}`);
    }
    out(
      `  trusted:     ${s.trusted ? `yes (chains to ${s.trustedBy})` : 'no (the certificate does not chain to a CA you trust)'}`,
    );
    out(
      `  signature value: ${s.signatureValueOk ? 'ok' : 'FAILED'}; references ok: ${s.references.filter((r) => r.ok).length}/${s.references.length}`,
    );
    out(`  covers:      ${s.coveredParts.length} part(s): ${s.coveredParts.join(', ')}`);
    const notCovered = report.parts.filter(
      (p) => p !== '[Content_Types].xml' && !p.startsWith('_xmlsignatures/') && !s.coveredParts.includes(p),
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
