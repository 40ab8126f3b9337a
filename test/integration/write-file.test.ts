import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { sha256Hex, writeExportFile } from '../../electron/backend/export/write-file';
import { tempDbPath } from '../support/backend';

let tmp: ReturnType<typeof tempDbPath>;
beforeEach(() => void (tmp = tempDbPath()));
afterEach(() => tmp.cleanup());

const bytes = new TextEncoder().encode('Samverkansöverenskommelse 2017–2018');
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.part'));

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const isRoot = process.getuid?.() === 0;
if (isRoot)
  console.info(
    '[write-file.test] running as root: the read-only-folder case uses a missing folder and a file in the path instead of chmod, which root ignores',
  );

describe('writeExportFile', () => {
  it('writes the bytes under the final name, reports path and sha256, and leaves no temporary file', () => {
    const target = path.join(tmp.dir, 'överenskommelse.docx');
    const result = writeExportFile(target, bytes);
    expect(result).toEqual({ path: target, sha256: sha256Hex(bytes) });
    expect(fs.readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it('refuses an existing file with FILE_EXISTS unless overwriting is allowed', () => {
    const target = path.join(tmp.dir, 'protokoll.docx');
    fs.writeFileSync(target, 'the old one');
    const error = errorOf(() => writeExportFile(target, bytes));
    expect(error.code).toBe('FILE_EXISTS');
    expect(error.params).toEqual({ path: target });
    expect(fs.readFileSync(target, 'utf8')).toBe('the old one');
    writeExportFile(target, bytes, { overwrite: true });
    expect(fs.readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it('reports a folder that does not exist as FILE_NOT_WRITABLE', () => {
    const error = errorOf(() => writeExportFile(path.join(tmp.dir, 'saknas', 'x.docx'), bytes));
    expect(error.code).toBe('FILE_NOT_WRITABLE');
    expect(error.params?.reason).toBe('file_not_writable');
    expect(error.message).toMatch(/ENOENT/);
  });

  it('reports a path through a file as FILE_NOT_WRITABLE', () => {
    fs.writeFileSync(path.join(tmp.dir, 'a-file'), '');
    expect(errorOf(() => writeExportFile(path.join(tmp.dir, 'a-file', 'x.docx'), bytes)).code).toBe(
      'FILE_NOT_WRITABLE',
    );
  });

  it.runIf(!isRoot)('reports a read-only folder as FILE_NOT_WRITABLE and leaves nothing in it', () => {
    const dir = path.join(tmp.dir, 'read-only');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o555);
    try {
      const error = errorOf(() => writeExportFile(path.join(dir, 'x.docx'), bytes));
      expect(error.code).toBe('FILE_NOT_WRITABLE');
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it('removes its temporary file when the final rename fails (atomic: nothing half-written)', () => {
    const target = path.join(tmp.dir, 'occupied');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    const error = errorOf(() => writeExportFile(target, bytes, { overwrite: true }));
    expect(error.code).toBe('FILE_NOT_WRITABLE');
    expect(leftovers(tmp.dir)).toEqual([]);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });
});
