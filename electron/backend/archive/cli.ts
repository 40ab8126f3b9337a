import path from 'node:path';
import type { ExportKind } from '../cli/export';
import { UsageError, flag, requiredFlag } from '../cli/command';
import { AppError } from '../../../shared/errors';
import { PASSPHRASE_ENV, unlock } from '../signing/certificates/store';

/** `samrad export archive`: the archivist's export, with progress on stderr. */
export const archiveExportKinds: Record<string, ExportKind> = {
  archive: {
    usage: `samrad export archive --from DATE --to DATE [--body NAME[,NAME…]] [--no-agreements] --out DIR|FILE.zip [--overwrite] [--passphrase-env VAR (default $${PASSPHRASE_ENV})] [--db FILE]`,
    async run(ctx, backend) {
      const from = requiredFlag(ctx, 'from');
      const to = requiredFlag(ctx, 'to');
      // on a command line a relative name means the shell's folder; the contract itself takes absolute paths only
      const out = path.resolve(requiredFlag(ctx, 'out'));
      const bodyNames = (flag(ctx, 'body') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
      const bodyIds = bodyNames.map((name) => {
        const id = backend.ctx.db.prepare('SELECT id FROM body WHERE name = ? COLLATE NOCASE OR name_key = lower(?)').pluck().get(name, name) as number | undefined;
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
        if (payload.done === payload.total || payload.done - last >= Math.max(1, Math.floor(payload.total / 100)) || payload.done === 0) {
          ctx.io.err(`[${payload.done}/${payload.total}] ${payload.label ?? ''}`);
          last = payload.done;
        }
      });
      const input = { from, to, bodyIds, includeAgreements: ctx.flags['no-agreements'] !== true, target: out, overwrite: ctx.flags.overwrite === true };
      const result = await backend.dispatch('archive.export', input);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, { fields: result.error.fields, params: result.error.params });
      const value = result.value as { path: string; documents: number; format: string };
      ctx.io.out(`Archive written: ${value.path} (${value.format}, ${value.documents} documents, index.json, index.csv, SHA256SUMS)`);
      return 0;
    },
  },
};
