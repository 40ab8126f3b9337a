import type Database from 'better-sqlite3';

/** Distinct SQL texts kept prepared per connection; dynamic IN-lists and table names stay far below this. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `db.prepare` return an already prepared statement for SQL it has seen. Services
 * prepare their SQL where they use it (it reads best next to the code), and SQLite's
 * prepare step was the largest single cost of rendering a protocol. A cached statement is
 * handed out with pluck/raw/expand off, as a fresh one would be; the least recently used
 * statement goes when the cache is full.
 */
export function cachePreparedStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.pluck(false).raw(false).expand(false);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof db.prepare;
}
