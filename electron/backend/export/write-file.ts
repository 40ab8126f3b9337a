import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes an export atomically: to a temporary file beside the target, then renamed, so a
 * failed or interrupted export never leaves a half-written file under the final name.
 * An existing file is only replaced when `overwrite` is set.
 */
export function writeExportFile(
  target: string,
  bytes: Uint8Array,
  options: { overwrite?: boolean } = {},
): { path: string; sha256: string } {
  const file = path.resolve(target);
  if (fs.existsSync(file) && !options.overwrite) {
    throw new AppError('FILE_EXISTS', `${file} already exists; choose another name or allow overwriting`, {
      params: { path: file },
    });
  }
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.part`,
  );
  try {
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('FILE_NOT_WRITABLE', `Cannot write ${file}: ${code ?? (error as Error).message}`, {
      params: { path: file, reason: 'file_not_writable' },
    });
  }
  return { path: file, sha256: sha256Hex(bytes) };
}

/** Cleans up after a failed write without hiding the first error (rmSync's `force` still throws on ENOTDIR). */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing was written there, or nothing can be: either way no half-written file is left
  }
}
