import fs from 'node:fs';
import path from 'node:path';
import { PASSPHRASE_ENV, type StoredCertificate } from '../../../../shared/contract/signing';
import { UsageError, flag, flagsInUsage, requiredFlag, type Command, type CommandContext } from '../command';
import { call } from '../call';
import { formatTable } from '../table';

/** Reads a secret from the environment variable a flag names: secrets never go on the command line. */
export function secretFromEnv(ctx: CommandContext, flagName: string, fallbackVar?: string): string | undefined {
  const variable = flag(ctx, flagName) ?? fallbackVar;
  if (!variable) return undefined;
  const value = process.env[variable];
  if (value === undefined && flag(ctx, flagName))
    throw new UsageError(`environment variable ${variable} (from --${flagName}) is not set`);
  return value;
}

function printCertificates(ctx: CommandContext, certificates: StoredCertificate[]): void {
  if (ctx.flags.json) {
    ctx.io.out(JSON.stringify(certificates, null, 2));
    return;
  }
  if (certificates.length === 0) {
    ctx.io.out('(no certificates)');
    return;
  }
  const rows = certificates.map((c) => [
    c.id,
    c.active ? '*' : '',
    c.role === 'ca' ? 'CA' : 'signing',
    c.origin === 'local' ? 'lokal' : 'imported',
    c.trusted ? 'yes' : '',
    c.subject,
    c.issuer,
    c.validFrom.slice(0, 10),
    c.validTo.slice(0, 10),
    c.fingerprint,
  ]);
  for (const line of formatTable(
    ['id', 'active', 'role', 'origin', 'trusted', 'subject', 'issuer', 'from', 'to', 'SHA-256 fingerprint'],
    rows,
  ))
    ctx.io.out(line);
}

export const certCommand: Command = {
  usage: `samrad cert import FILE.p12 --password-env VAR [--passphrase-env VAR] [--label TEXT] | cert create --org NAME [--years N] [--passphrase-env VAR] | cert trust FILE.pem | cert list [--json]  (passphrase default: $${PASSPHRASE_ENV})`,
  flags: ['json', 'password-env', 'passphrase-env', 'label', 'org', 'years'],
  summary: 'signing certificates: import PKCS#12, create a local CA + signing certificate, trust a CA, list',
  // each action takes only its own flags (cert trust --org is an error)
  flagsFor(args) {
    const segment = certCommand.usage
      .replace(/^samrad /, '')
      .split(' | ')
      .find((s) => s.startsWith(`cert ${args[0]} `) || s === `cert ${args[0]}`);
    return segment
      ? { flags: flagsInUsage(segment.replace(/\(passphrase default.*$/, '')), usage: `samrad ${segment}` }
      : undefined;
  },
  async run(ctx) {
    const [action, file] = ctx.args;
    if (!['import', 'create', 'trust', 'list'].includes(action ?? ''))
      throw new UsageError('cert what? one of: import, create, trust, list');
    if ((action === 'import' || action === 'trust') && !file) throw new UsageError(`cert ${action} needs a file`);
    const readFile = () => {
      const resolved = path.resolve(file!);
      if (!fs.existsSync(resolved)) throw new UsageError(`${resolved} does not exist`);
      return fs.readFileSync(resolved).toString('base64');
    };
    const backend = await ctx.openBackend({ create: action === 'create' || action === 'import' });
    try {
      const passphrase = () => secretFromEnv(ctx, 'passphrase-env', PASSPHRASE_ENV) ?? null;
      if (action === 'list') {
        printCertificates(ctx, await call(backend, 'certificates.list', {}));
      } else if (action === 'create') {
        const years = flag(ctx, 'years');
        const created = await call(backend, 'certificates.createLocal', {
          organisation: requiredFlag(ctx, 'org'),
          passphrase: passphrase(),
          ...(years ? { validYears: Number(years) } : {}),
        });
        ctx.io.out(
          `Created a LOCAL CA and signing certificate (trusted only where its CA is imported): ${created.subject}`,
        );
        ctx.io.out(
          `fingerprint ${created.fingerprint}, valid ${created.validFrom.slice(0, 10)} – ${created.validTo.slice(0, 10)}; now active`,
        );
      } else if (action === 'import') {
        const password = secretFromEnv(ctx, 'password-env');
        if (password === undefined)
          throw new UsageError('--password-env VAR is required (the PKCS#12 password is read from that variable)');
        const imported = await call(backend, 'certificates.importPkcs12', {
          fileBase64: readFile(),
          password,
          passphrase: passphrase(),
          label: flag(ctx, 'label'),
        });
        ctx.io.out(
          `Imported ${imported.subject} (issuer ${imported.issuer}), fingerprint ${imported.fingerprint}; now active`,
        );
      } else {
        const trusted = await call(backend, 'certificates.importTrusted', { fileBase64: readFile() });
        ctx.io.out(`Trusted ${trusted.subject}, fingerprint ${trusted.fingerprint}`);
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
