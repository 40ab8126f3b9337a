import type { Db } from '../db/open';

/** Small key/value settings kept in the database so they follow the data file. */
export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Settings are preferences, not records: they are not audited. */
export function putSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
