import type { Backend } from '../backend';
import { UsageError, type Command, type CommandContext } from './command';
import { meetingExportKinds } from '../meetings/cli';

/** One kind `samrad export <kind>` knows. Common flags: --out FILE, --overwrite, --lang sv|en, --sign. */
export interface ExportKind {
  usage: string;
  run(ctx: CommandContext, backend: Backend): Promise<number>;
}

/** Each area adds its export kinds here. */
export const exportKinds: Record<string, ExportKind> = {
  ...meetingExportKinds,
};

export function languageFlag(ctx: CommandContext): 'sv' | 'en' {
  const lang = ctx.flags.lang ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new UsageError('--lang must be sv or en');
  return lang;
}

export const exportCommand: Command = {
  get usage() {
    return Object.values(exportKinds).map((k) => k.usage).join('\n  ') || 'samrad export <kind>';
  },
  summary: 'export documents (Word files, archives)',
  async run(ctx) {
    const name = ctx.args[0];
    const kind = name ? exportKinds[name] : undefined;
    if (!kind) throw new UsageError(`export what? one of: ${Object.keys(exportKinds).join(', ') || '(none yet)'}`);
    const backend = await ctx.openBackend();
    try {
      return await kind.run(ctx, backend);
    } finally {
      backend.close();
    }
  },
};
