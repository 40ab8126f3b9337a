import Database from 'better-sqlite3';
import { migrations } from '../../electron/backend/db/migrations';
import { migrate } from '../../electron/backend/db/open';
import { tempDbPath } from './backend';

/** A raw better-sqlite3 connection on a fresh file (foreign keys on, like the app), for schema tests. */
export function rawDb(): { db: Database.Database; file: string; dir: string; cleanup(): void } {
  const tmp = tempDbPath();
  const db = new Database(tmp.file);
  db.pragma('foreign_keys = ON');
  return {
    db,
    file: tmp.file,
    dir: tmp.dir,
    cleanup() {
      if (db.open) db.close();
      tmp.cleanup();
    },
  };
}

/** Names of the tables, triggers or indexes in the schema. */
export function schemaNames(db: Database.Database, type: 'table' | 'trigger' | 'index'): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all(type) as string[];
}

/** SQLite's plan for `sql`, one line per step ("SEARCH x USING INDEX …"). */
export function queryPlan(db: Database.Database, sql: string): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail);
}

/** Runs the migrations up to and including `version`, as a file last opened by that release would be. */
export function migrateTo(db: Database.Database, version: number): void {
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
}
