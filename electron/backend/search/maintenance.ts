import type { Db } from '../db/open';
import { FILL_SQL, SEARCH_COLUMNS, SEARCH_TRIGGERS, TRIGRAM_TEXT } from '../db/migrations/005_search';

/** Each FTS index, as 005_search defines it: its columns and what feeds them from `search_doc`. */
const INDEXES = [
  {
    table: 'search_word',
    tokenize: 'unicode61 remove_diacritics 0',
    columns: ['title', 'dnr', 'content'],
    source: 'title, dnr, content',
  },
  { table: 'search_tri', tokenize: 'trigram remove_diacritics 0', columns: ['text'], source: TRIGRAM_TEXT('') },
] as const;

/** The source views (`search_src_<kind>`): what each kind of record contributes to the index. */
function sourceViews(db: Db): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'search\\_src\\_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function hasSearchTables(db: Db): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_doc'").get());
}

const cols = SEARCH_COLUMNS.join(', ');

/**
 * Rebuilds the whole index from the tables, in one transaction: readers see the old index or
 * the new one, never half. With `search_state.live` at 0 the per-row FTS triggers stand still
 * while `search_doc` is emptied and refilled (oldest record first, so ids follow the dates);
 * then each FTS index is emptied and filled in bulk.
 */
export function reindex(db: Db): { documents: number } {
  const run = db.transaction(() => {
    db.prepare('UPDATE search_state SET live = 0').run();
    db.prepare('DELETE FROM search_doc').run();
    for (const { table } of INDEXES) db.prepare(`INSERT INTO ${table} (${table}) VALUES ('delete-all')`).run();
    db.exec(FILL_SQL);
    db.prepare('UPDATE search_state SET live = 1').run();
    return { documents: db.prepare('SELECT count(*) FROM search_doc').pluck().get() as number };
  });
  return run.immediate();
}

export interface SearchIndexReport {
  ok: boolean;
  documents: number;
  problems: string[];
}

const MAX_LISTED = 20;

/**
 * How many documents the FTS index `table` holds with token counts other than their text in
 * `search_doc` gives (or holds without a document, or lacks). The text is tokenized again in a
 * private in-memory database: the checked connection may be read-only even for TEMP tables
 * (query_only), and must not change in any case.
 */
function differingDocuments(db: Db, { table, tokenize, columns, source }: (typeof INDEXES)[number]): number {
  const Connection = db.constructor as new (file: string) => Db;
  const probe = new Connection(':memory:');
  try {
    probe.prepare(`CREATE VIRTUAL TABLE p USING fts5(${columns.join(', ')}, content='', tokenize='${tokenize}')`).run();
    const insert = probe.prepare(
      `INSERT INTO p (rowid, ${columns.join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`,
    );
    probe.transaction(() => {
      for (const r of db.prepare(`SELECT id, ${source} FROM search_doc`).raw().iterate() as IterableIterator<unknown[]>)
        insert.run(...r);
    })();
    // both lists sorted by id: walk them side by side
    const expected = probe.prepare('SELECT id, sz FROM p_docsize ORDER BY id').raw().iterate() as IterableIterator<
      [number, Buffer]
    >;
    const actual = db.prepare(`SELECT id, sz FROM ${table}_docsize ORDER BY id`).raw().iterate() as IterableIterator<
      [number, Buffer]
    >;
    let differ = 0;
    let e = expected.next();
    let a = actual.next();
    while (!e.done || !a.done) {
      if (!e.done && !a.done && e.value[0] === a.value[0]) {
        if (!Buffer.from(e.value[1]).equals(Buffer.from(a.value[1]))) differ++;
        e = expected.next();
        a = actual.next();
      } else if (a.done || (!e.done && e.value[0] < a.value[0])) {
        differ++;
        e = expected.next();
      } else {
        differ++;
        a = actual.next();
      }
    }
    return differ;
  } finally {
    probe.close();
  }
}

/**
 * Whether the index agrees with the tables, without changing anything (it runs on a read-only
 * connection, so FTS5's own 'integrity-check', which is a write, is not available):
 *  - every trigger that keeps it in step exists, and it is not left half-rebuilt;
 *  - `search_doc` holds exactly what the source views give (no record missing, stale or extra);
 *  - both FTS indexes hold every document with the token counts its current text has.
 */
export function checkSearchIndex(db: Db): SearchIndexReport {
  if (!hasSearchTables(db))
    return {
      ok: false,
      documents: 0,
      problems: ['the search index does not exist (schema older than 5); run "samrad init"'],
    };
  const problems: string[] = [];
  const documents = db.prepare('SELECT count(*) FROM search_doc').pluck().get() as number;

  const present = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[],
  );
  const missingTriggers = SEARCH_TRIGGERS.filter((t) => !present.has(t));
  if (missingTriggers.length > 0)
    problems.push(`triggers missing (writes are no longer indexed): ${missingTriggers.join(', ')}`);
  if (db.prepare('SELECT live FROM search_state').pluck().get() !== 1)
    problems.push('the index is marked as being rebuilt; run "samrad reindex"');

  const expected = sourceViews(db)
    .map((v) => `SELECT ${cols} FROM ${v}`)
    .join(' UNION ALL ');
  const listed = (sql: string) =>
    db.prepare(`${sql} LIMIT ${MAX_LISTED + 1}`).all() as Array<{ kind: string; ref_id: number }>;
  const describe = (rows: Array<{ kind: string; ref_id: number }>) =>
    rows
      .slice(0, MAX_LISTED)
      .map((r) => `${r.kind} ${r.ref_id}`)
      .join(', ') + (rows.length > MAX_LISTED ? ', …' : '');
  const missing = listed(
    `SELECT kind, ref_id FROM (${expected}) e WHERE NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.kind = e.kind AND d.ref_id = e.ref_id)`,
  );
  if (missing.length) problems.push(`records missing from the index: ${describe(missing)}`);
  const extra = listed(
    `SELECT kind, ref_id FROM search_doc d WHERE NOT EXISTS (SELECT 1 FROM (${expected}) e WHERE e.kind = d.kind AND e.ref_id = d.ref_id)`,
  );
  if (extra.length) problems.push(`index entries for records that do not exist: ${describe(extra)}`);
  const stale = listed(
    `SELECT kind, ref_id FROM (SELECT ${cols} FROM search_doc EXCEPT SELECT ${cols} FROM (${expected})) WHERE (kind, ref_id) IN (SELECT kind, ref_id FROM (${expected}))`,
  );
  if (stale.length) problems.push(`index entries out of date: ${describe(stale)}`);

  for (const index of INDEXES) {
    const differ = differingDocuments(db, index);
    if (differ > 0)
      problems.push(`${index.table}: ${differ} documents indexed with other text than they hold; run "samrad reindex"`);
  }
  return { ok: problems.length === 0, documents, problems };
}
