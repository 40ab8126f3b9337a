import fs from 'node:fs';
import path from 'node:path';
import { secretFromEnv } from './cert';
import { UsageError, flag, requiredFlag, type Command } from '../command';
import { call } from '../call';

/** `samrad sign FILE.docx --p12 FILE.p12 --password-env VAR [--role TEXT] [--comment TEXT] --out FILE.docx` */
export const signCommand: Command = {
  usage: 'samrad sign FILE.docx --p12 FILE.p12 --password-env VAR [--role TEXT] [--comment TEXT] --out FILE.docx',
  flags: ['p12', 'password-env', 'role', 'comment', 'out'],
  summary:
    'add your own signature (proof of approval) to a Word file, signed already or not, with your PKCS#12 certificate; needs no database',
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
    const document = read(file);
    const pkcs12 = read(requiredFlag(ctx, 'p12'));
    // no database is needed: the signature is made with the PKCS#12's own certificate and key
    const backend = await ctx.openBackend({ inMemory: true });
    try {
      const signed = await call(backend, 'documents.coSignToFile', {
        fileBase64: document,
        pkcs12Base64: pkcs12,
        password,
        role: flag(ctx, 'role'),
        comment: flag(ctx, 'comment'),
        target: out,
      });
      ctx.io.out(`Signed: ${signed.path}`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
