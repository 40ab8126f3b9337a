import type { Backend } from '../backend';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext {
  /** positional words after the command name */
  args: string[];
  /** --flags, with their values (true for a bare flag) */
  flags: Record<string, string | boolean>;
  io: CliIo;
  /** the database file named by --db (or SAMRAD_DB, or the user-data default), not yet opened */
  dbPath: string;
  /**
   * Opens the database named by --db (or SAMRAD_DB, or the user-data default), bringing its
   * schema up to date. A file that does not exist is refused unless `create` is set, so a
   * mistyped --db never leaves an empty database behind; `migrate: false` opens it as found.
   */
  openBackend(options?: OpenBackendOptions): Promise<Backend>;
}

export interface OpenBackendOptions {
  create?: boolean;
  migrate?: boolean;
}

export interface Command {
  usage: string;
  summary: string;
  /** the --flags this command takes besides --db and --help; when given, any other flag is a usage error */
  flags?: string[];
  /** returns the process exit code */
  run(ctx: CommandContext): Promise<number>;
}

export class UsageError extends Error {}

export function flag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name];
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value as string;
}

export function requiredFlag(ctx: CommandContext, name: string): string {
  const value = flag(ctx, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** --lang sv|en for commands that write documents; Swedish unless told otherwise. */
export function languageFlag(ctx: CommandContext): 'sv' | 'en' {
  const lang = ctx.flags.lang ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new UsageError('--lang must be sv or en');
  return lang;
}
