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
  /** opens the database named by --db (or SAMRAD_DB, or the user-data default) */
  openBackend(): Promise<Backend>;
}

export interface Command {
  usage: string;
  summary: string;
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
