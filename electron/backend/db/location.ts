import os from 'node:os';
import path from 'node:path';

/**
 * Where Samråd keeps its data when no --db or SAMRAD_DB is given: the same user-data
 * folder Electron uses for an app named "Samråd", so desktop, browser mode and CLI agree.
 */
export function userDataDir(): string {
  if (process.env.SAMRAD_DATA_DIR) return process.env.SAMRAD_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Samråd');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Samråd');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Samråd');
}

export function defaultDatabasePath(): string {
  return process.env.SAMRAD_DB ?? path.join(userDataDir(), 'samrad.sqlite');
}
