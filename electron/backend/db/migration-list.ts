import type { Migration } from './migrations';

/**
 * A migration list is only trustworthy when its versions run 1, 2, 3, … in order, without a
 * gap or a repeat, and each name carries its own number (`002_agreements` is version 2):
 * a gap would silently skip a step on some databases, a repeat would apply two different
 * schemas under one number. Opening or migrating refuses any other list.
 */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const expected = index + 1;
    if (migration.version !== expected) {
      const seen = list.slice(0, index).find((m) => m.version === migration.version);
      throw new Error(
        seen
          ? `Migration version ${migration.version} is registered twice (${seen.name}, ${migration.name})`
          : `Migrations must be numbered 1, 2, 3, … in order: position ${expected} holds version ${migration.version} (${migration.name})`,
      );
    }
    const number = /^(\d{3})_[a-z0-9_]+$/.exec(migration.name)?.[1];
    if (!number || Number(number) !== migration.version) {
      throw new Error(
        `Migration ${migration.version} is named "${migration.name}"; its name must be "${String(migration.version).padStart(3, '0')}_<what>"`,
      );
    }
    if (migration.up.trim() === '') throw new Error(`Migration ${migration.name} is empty`);
  });
}

/** The schema version a database has once every step of `list` is applied. */
export function latestVersion(list: readonly Migration[]): number {
  return list.length === 0 ? 0 : list[list.length - 1].version;
}
