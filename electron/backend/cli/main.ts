import { startBackend } from '../backend';
import { defaultDatabasePath } from '../db/location';
import { AppError } from '../../../shared/errors';
import { UsageError, type CliIo, type Command } from './command';
import { backupCommand, checkCommand, exampleCommand, initCommand, restoreCommand } from './commands/database';
import { listCommand } from './commands/list';
import { exportCommand } from './commands/export';
import { certCommand } from './commands/cert';
import { verifyCommand } from './commands/verify';
import { signCommand } from './commands/sign';
import { importSignatureCommand } from './commands/import-signature';
import { verifyArchiveCommand } from './commands/verify-archive';
import { reindexCommand, searchCommand } from './commands/search';
import { attachmentsCommand } from './commands/attachments';

/** Every `samrad <command>`: each one a file under commands/, reaching the backend only through contract methods. */
export const commands: Record<string, Command> = {
  init: initCommand,
  example: exampleCommand,
  backup: backupCommand,
  check: checkCommand,
  restore: restoreCommand,
  list: listCommand,
  export: exportCommand,
  attachments: attachmentsCommand,
  cert: certCommand,
  verify: verifyCommand,
  sign: signCommand,
  'import-signature': importSignatureCommand,
  'verify-archive': verifyArchiveCommand,
  search: searchCommand,
  reindex: reindexCommand,
};

function help(io: CliIo): void {
  io.out('Samråd command line. Every command takes --db FILE (or SAMRAD_DB).');
  for (const command of Object.values(commands)) io.out(`  ${command.usage}\n      ${command.summary}`);
}

/** Flags that never take a value; every other --flag takes the next word (or --flag=value). */
const BOOLEAN_FLAGS = new Set([
  'json',
  'yes',
  'help',
  'sign',
  'overwrite',
  'zip',
  'no-agreements',
  'no-corrections',
  'unsigned',
  'without-timestamp',
  'with-attachments',
]);

export function parseCommandLine(argv: string[]): { positionals: string[]; flags: Record<string, string | boolean> } {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags[name] = inline;
    else if (BOOLEAN_FLAGS.has(name) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) flags[name] = true;
    else flags[name] = argv[++i];
  }
  return { positionals, flags };
}

export async function runCli(
  argv: string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv);
  const [name, ...args] = positionals;
  if (!name || name === 'help' || flags.help) {
    help(io);
    return name || flags.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`samrad: unknown command "${name}". Try: samrad help`);
    return 2;
  }
  const sub = command.flagsFor?.(args);
  const usage = sub?.usage ?? command.usage;
  try {
    if (flags.db === true) throw new UsageError('--db needs a file name');
    const names = sub?.flags ?? command.flags;
    const allowed = names && new Set([...names, 'db', 'help']);
    const unknown = allowed && Object.keys(flags).filter((f) => !allowed.has(f));
    if (unknown && unknown.length > 0) {
      const list = unknown.map((f) => `--${f}`).join(', ');
      throw new UsageError(
        sub
          ? `${list} ${unknown.length === 1 ? 'does' : 'do'} not apply to "samrad ${name} ${args[0]}"`
          : `unknown option ${list}`,
      );
    }
    // a switch given a value (--sign=no) or a value flag given none would otherwise be misread silently
    for (const [name, value] of Object.entries(flags)) {
      if (BOOLEAN_FLAGS.has(name) && typeof value === 'string') throw new UsageError(`--${name} takes no value`);
      if (!BOOLEAN_FLAGS.has(name) && value === true && name !== 'db') throw new UsageError(`--${name} needs a value`);
    }
    const dbPath = typeof flags.db === 'string' ? flags.db : defaultDatabasePath();
    return await command.run({
      args,
      flags,
      io,
      dbPath,
      openBackend: (options = {}) =>
        options.inMemory
          ? startBackend(':memory:', { create: true })
          : startBackend(dbPath, { create: options.create ?? false, migrate: options.migrate ?? true }),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`samrad ${name}: ${error.message}\nusage: ${error.usage ?? usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(
        `samrad ${name}: ${error.message}${
          error.fields
            ? ` (${Object.entries(error.fields)
                .map(([f, k]) => `${f}: ${k}`)
                .join(', ')})`
            : ''
        }`,
      );
      return 1;
    }
    io.err(`samrad ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
