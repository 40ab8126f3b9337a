import type { Backend } from '../backend';
import type { DocumentLanguage } from '../../../shared/contract/common';

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
   * Every command reaches the backend through this backend's dispatcher (`call`), as the app does.
   */
  openBackend(options?: OpenBackendOptions): Promise<Backend>;
}

export interface OpenBackendOptions {
  create?: boolean;
  migrate?: boolean;
  /** a backend over an empty database in memory: for a command that needs none of the user's (verify without --db) */
  inMemory?: boolean;
}

export interface Command {
  usage: string;
  summary: string;
  /** the --flags this command takes besides --db and --help; when given, any other flag is a usage error */
  flags?: string[];
  /**
   * For commands with sub-commands (export agenda, cert create): the flags and usage of the one
   * named by `args`, so a flag that does not apply to it (export agenda --sign) is refused.
   */
  flagsFor?(args: string[]): { flags: string[]; usage: string } | undefined;
  /** returns the process exit code */
  run(ctx: CommandContext): Promise<number>;
}

/** The --flags a usage line shows (besides --db and --help): the usage is what a command accepts. */
export function flagsInUsage(usage: string): string[] {
  return [...new Set([...usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]))].filter(
    (f) => f !== 'db' && f !== 'help',
  );
}

export class UsageError extends Error {
  /** the usage line to print with it, when it is narrower than the command's */
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

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
export function languageFlag(ctx: CommandContext): DocumentLanguage {
  const lang = ctx.flags.lang ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new UsageError('--lang must be sv or en');
  return lang;
}
