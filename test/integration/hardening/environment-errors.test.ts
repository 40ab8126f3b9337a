import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { toErrorBody } from '../../../electron/backend/dispatcher';
import { translateEnvironmentError } from '../../../electron/backend/environment-errors';

const sqlite = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const en = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../renderer/i18n/locales/en/common.json'), 'utf8'),
);
const sv = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../renderer/i18n/locales/sv/common.json'), 'utf8'),
);

describe('every SQLite and disk environment error has a typed code and says what to do (issue 13, case 6)', () => {
  const table: Array<[string, string, RegExp]> = [
    ['SQLITE_BUSY', 'DATABASE_BUSY', /in use by another program.*nothing was saved.*Close the other program/],
    ['SQLITE_BUSY_SNAPSHOT', 'DATABASE_BUSY', /in use/],
    ['SQLITE_LOCKED', 'DATABASE_BUSY', /in use/],
    ['SQLITE_READONLY', 'DATABASE_READ_ONLY', /can only be read.*nothing was saved.*Make it writable/],
    ['SQLITE_READONLY_DBMOVED', 'DATABASE_READ_ONLY', /can only be read/],
    ['SQLITE_FULL', 'DISK_FULL', /^The disk is full: nothing was saved\. Free space and try again\.$/],
    ['SQLITE_CORRUPT', 'DATABASE_CORRUPT', /damaged.*restore the newest good backup/],
    ['SQLITE_CORRUPT_INDEX', 'DATABASE_CORRUPT', /damaged/],
    ['SQLITE_NOTADB', 'NOT_A_DATABASE', /not a Samråd database.*restore a backup/],
    ['SQLITE_IOERR', 'DISK_IO', /disk reported an error.*Check the disk/],
    ['SQLITE_IOERR_WRITE', 'DISK_IO', /disk reported an error/],
    ['SQLITE_CANTOPEN', 'DATABASE_UNAVAILABLE', /cannot be opened.*Check that the file and its folder are there/],
    ['ENOSPC', 'DISK_FULL', /disk is full/],
    ['EROFS', 'DATABASE_READ_ONLY', /read-only/],
    ['EIO', 'DISK_IO', /disk reported an error/],
  ];
  for (const [raw, code, message] of table) {
    it(`${raw} → ${code}, translated in sv and en`, () => {
      const body = toErrorBody(sqlite(raw));
      expect(body.code).toBe(code);
      expect(body.message).toMatch(message);
      expect(en.errors[code]).toBeTruthy();
      expect(sv.errors[code]).toBeTruthy();
    });
  }

  it('a disk I/O error that is really a full disk says the disk is full', () => {
    expect(translateEnvironmentError(sqlite('SQLITE_IOERR_WRITE', 'database or disk is full'))?.code).toBe('DISK_FULL');
  });

  it("an error that is not the machine's is left to the other translators", () => {
    expect(translateEnvironmentError(sqlite('SQLITE_CONSTRAINT_CHECK'))).toBeNull();
    expect(translateEnvironmentError(new Error('plain'))).toBeNull();
    expect(translateEnvironmentError('not an error')).toBeNull();
  });
});
