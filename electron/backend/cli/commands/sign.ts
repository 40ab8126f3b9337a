import fs from 'node:fs';
import path from 'node:path';
import { secretFromEnv } from './cert';
import { UsageError, flag, requiredFlag, type Command } from '../command';
import { call } from '../call';
import { AppError } from '../../../../shared/errors';

/**
 * `samrad sign FILE.docx --p12 FILE.p12 --password-env VAR [--role TEXT] [--comment TEXT]
 * [--tsa URL | --without-timestamp] --out FILE.docx`
 */
export const signCommand: Command = {
  usage:
    'samrad sign FILE.docx --p12 FILE.p12 --password-env VAR [--role TEXT] [--comment TEXT] [--tsa URL | --without-timestamp] --out FILE.docx',
  flags: ['p12', 'password-env', 'role', 'comment', 'tsa', 'without-timestamp', 'out'],
  summary:
    'add your own signature (proof of approval) to a Word file, signed already or not, with your PKCS#12 certificate; needs no database. With --tsa (or a --db whose TSA is set) it carries an RFC 3161 timestamp',
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UsageError('sign needs a .docx file');
    const out = path.resolve(requiredFlag(ctx, 'out'));
    const password = secretFromEnv(ctx, 'password-env');
    if (password === undefined) throw new UsageError('sign needs --password-env VAR naming the PKCS#12 password');
    const read = (name: string) => {
      try {
        return fs.readFileSync(path.resolve(name)).toString('base64');
      } catch (error) {
        throw new UsageError(
          `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
    };
    const tsaUrl = flag(ctx, 'tsa');
    const withoutTimestamp = ctx.flags['without-timestamp'] === true;
    if (tsaUrl !== undefined && withoutTimestamp)
      throw new UsageError('--tsa asks for a timestamp and --without-timestamp for none: give one of them');
    const document = read(file);
    const pkcs12 = read(requiredFlag(ctx, 'p12'));
    // no database is needed: the signature is made with the PKCS#12's own certificate and key;
    // a database named on purpose lends its TSA setting
    const databaseGiven = typeof ctx.flags.db === 'string' || Boolean(process.env.SAMRAD_DB);
    const backend = await ctx.openBackend(databaseGiven ? {} : { inMemory: true });
    try {
      const signed = await call(backend, 'documents.coSignToFile', {
        fileBase64: document,
        pkcs12Base64: pkcs12,
        password,
        role: flag(ctx, 'role'),
        comment: flag(ctx, 'comment'),
        ...(tsaUrl !== undefined ? { tsaUrl } : {}),
        withoutTimestamp,
        target: out,
      });
      ctx.io.out(`Signed: ${signed.path}`);
      return 0;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'TIMESTAMP_FAILED') throw error;
      ctx.io.err(`samrad sign: ${error.message}`);
      ctx.io.err(
        'Nothing was written. Try again later, or sign with --without-timestamp: the signature then rests on your own clock and says so.',
      );
      return 1;
    } finally {
      backend.close();
    }
  },
};
