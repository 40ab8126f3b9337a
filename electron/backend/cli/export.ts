import type { Backend } from '../backend';
import { UsageError, flagsInUsage, type Command, type CommandContext } from './command';
import { meetingExportKinds } from '../meetings/cli';
import { agreementExportKinds } from '../agreements/cli';
import { archiveExportKinds } from '../archive/cli';

/** One kind `samrad export <kind>` knows. Common flags: --out FILE, --overwrite, --lang sv|en, --sign. */
export interface ExportKind {
  usage: string;
  run(ctx: CommandContext, backend: Backend): Promise<number>;
}

/** Each area adds its export kinds here. */
export const exportKinds: Record<string, ExportKind> = {
  ...meetingExportKinds,
  ...agreementExportKinds,
  ...archiveExportKinds,
};

// Kept here for older imports; areas import it from './command' so that they never load this
// registry while it is loading them (an import cycle that broke every CLI command).
export { languageFlag } from './command';

export const exportCommand: Command = {
  get usage() {
    return (
      Object.values(exportKinds)
        .map((k) => k.usage)
        .join('\n  ') || 'samrad export <kind>'
    );
  },
  summary: 'export documents (Word files, archives)',
  // each kind takes the flags its usage shows: `export agenda --sign` is an error, not an unsigned file
  flagsFor(args) {
    const kind = args[0] ? exportKinds[args[0]] : undefined;
    return kind ? { flags: flagsInUsage(kind.usage), usage: kind.usage } : undefined;
  },
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
