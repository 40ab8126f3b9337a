import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DatabaseInfo } from '../../../shared/contract/database';
import type { Ctx } from '../context';
import { schemaVersion } from './open';

/**
 * A backup the user asked for (`samrad backup`): the database copied as it is with the online
 * backup API, to a file that must not exist yet. Written beside the target and renamed when
 * complete, so a failed backup leaves no half file; one self-contained file (no -wal/-shm
 * companions to lose when it is moved or mailed), checked with quick_check first.
 */
export async function writeBackupFile(ctx: Ctx, target: string): Promise<DatabaseInfo> {
  const out = path.resolve(target);
  if (fs.existsSync(out))
    throw new AppError('FILE_EXISTS', `${out} already exists; choose another file name.`, { params: { path: out } });
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${crypto.randomBytes(4).toString('hex')}.part`);
  try {
    await ctx.db.backup(temp);
    const copy = new Database(temp, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    const quick = copy.pragma('quick_check', { simple: true });
    const version = schemaVersion(copy);
    copy.close();
    if (quick !== 'ok') throw new AppError('INTERNAL', `the copy does not pass quick_check: ${quick}`);
    if (fs.existsSync(out))
      throw new AppError('FILE_EXISTS', `${out} appeared while the backup was written; it was left alone`, {
        params: { path: out },
      });
    fs.renameSync(temp, out);
    return { path: out, schemaVersion: version };
  } finally {
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`])
      fs.rmSync(leftover, { force: true });
  }
}
