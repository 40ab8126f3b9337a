import path from 'node:path';

/** `--db FILE` / `--db=FILE` on the command line, then SAMRAD_DB, then `<user data>/samrad.sqlite`. */
export function databasePathFrom(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return path.resolve(argv[i + 1]);
    if (argv[i].startsWith('--db=')) return path.resolve(argv[i].slice('--db='.length));
  }
  if (env.SAMRAD_DB) return path.resolve(env.SAMRAD_DB);
  return path.join(userDataDir, 'samrad.sqlite');
}
