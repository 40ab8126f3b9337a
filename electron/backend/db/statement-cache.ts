import Database from 'better-sqlite3';

/** Distinct SQL texts kept prepared per connection; dynamic IN-lists and table names stay far below this. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection Samråd's services use: its `prepare` returns an already prepared statement
 * for SQL it has seen. Services prepare their SQL where they use it (it reads best next to the
 * code), and SQLite's prepare step was the largest single cost of rendering a protocol. A
 * cached statement is handed out with pluck/raw/expand off, as a fresh one would be; the least
 * recently used statement goes when the cache is full. A connection opened with plain
 * `new Database()` (inspection, a backup's copy) prepares afresh each time.
 */
export class StatementCachingDatabase extends Database {
  readonly #cache = new Map<string, Database.Statement>();

  // the type parameters as better-sqlite3 declares them, so this is the same method
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  override prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
    source: string,
  ): Database.Statement<BindParameters, Result> {
    let statement = this.#cache.get(source);
    if (statement) {
      this.#cache.delete(source);
      if (statement.reader) statement.pluck(false).raw(false).expand(false);
    } else {
      statement = super.prepare(source);
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(source, statement);
    return statement as Database.Statement<BindParameters, Result>;
  }
}
