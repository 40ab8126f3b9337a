import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrations, type Migration } from '.';
import { checkMigrationList, latestVersion } from '../migration-list';

const dir = __dirname;
const migrationFiles = fs
  .readdirSync(dir)
  .filter((f) => /^\d{3}_[a-z0-9_]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .sort();

describe('the registered migration list', () => {
  it('runs 1..N without gaps or repeats, whatever steps are registered', () => {
    expect(() => checkMigrationList(migrations)).not.toThrow();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    expect(LATEST_VERSION).toBe(migrations.length);
    expect(latestVersion(migrations)).toBe(LATEST_VERSION);
  });

  it('registers every NNN_*.ts file in this folder under its own number, with its own SQL', async () => {
    expect(migrations.map((m) => `${m.name}.ts`)).toEqual(migrationFiles);
    for (const m of migrations) {
      const file = (await import(path.join(dir, `${m.name}.ts`))) as { up: string };
      expect(file.up, `${m.name} registered with another file's SQL`).toBe(m.up);
    }
  });

  it('has a test file beside every migration', () => {
    const missing = migrationFiles.filter((f) => !fs.existsSync(path.join(dir, f.replace(/\.ts$/, '.test.ts'))));
    expect(missing, `migrations without a test: ${missing.join(', ')}`).toEqual([]);
  });
});

describe('checkMigrationList', () => {
  const step = (version: number, name = `${String(version).padStart(3, '0')}_step`): Migration => ({
    version,
    name,
    up: 'SELECT 1;',
  });

  it('accepts 1..N and the empty list', () => {
    expect(() => checkMigrationList([step(1), step(2), step(3)])).not.toThrow();
    expect(() => checkMigrationList([])).not.toThrow();
    expect(latestVersion([])).toBe(0);
  });

  it('refuses a gap', () => {
    expect(() => checkMigrationList([step(1), step(3)])).toThrow(/position 2 holds version 3/);
  });

  it('refuses a version registered twice', () => {
    expect(() => checkMigrationList([step(1), step(2), step(2, '002_other')])).toThrow(
      /version 2 is registered twice \(002_step, 002_other\)/,
    );
  });

  it('refuses a list out of order or not starting at 1', () => {
    expect(() => checkMigrationList([step(2), step(1)])).toThrow(/position 1 holds version 2/);
    expect(() => checkMigrationList([step(0)])).toThrow(/position 1 holds version 0/);
  });

  it('refuses a name whose number differs from its version, and an empty step', () => {
    expect(() => checkMigrationList([step(1, '002_wrong')])).toThrow(/must be "001_<what>"/);
    expect(() => checkMigrationList([{ version: 1, name: '001_empty', up: '  ' }])).toThrow(/empty/);
  });
});
