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
  /** documents whose stored text and FTS token counts were compared with the tables (all, unless sampled) */
  checked: number;
  problems: string[];
}

const MAX_LISTED = 20;

/** A private in-memory FTS table tokenizing as `index` does (see differingDocuments for why). */
function tokenCounts(db: Db, { tokenize, columns, source }: (typeof INDEXES)[number], ids: number[] | null) {
  const Connection = db.constructor as new (file: string) => Db;
  const probe = new Connection(':memory:');
  probe.prepare(`CREATE VIRTUAL TABLE p USING fts5(${columns.join(', ')}, content='', tokenize='${tokenize}')`).run();
  const insert = probe.prepare(
    `INSERT INTO p (rowid, ${columns.join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`,
  );
  const rows =
    ids === null
      ? (db.prepare(`SELECT id, ${source} FROM search_doc`).raw().iterate() as IterableIterator<unknown[]>)
      : ids.map((id) => db.prepare(`SELECT id, ${source} FROM search_doc WHERE id = ?`).raw().get(id) as unknown[]);
  probe.transaction(() => {
    for (const r of rows) if (r) insert.run(...r);
  })();
  return probe;
}

/**
 * How many documents the FTS index `table` holds with token counts other than their text in
 * `search_doc` gives (or holds without a document, or lacks); with `ids`, among those documents
 * only. The text is tokenized again in a private in-memory database: the checked connection may
 * be read-only even for TEMP tables (query_only), and must not change in any case.
 */
function differingDocuments(db: Db, index: (typeof INDEXES)[number], ids: number[] | null): number {
  const probe = tokenCounts(db, index, ids);
  try {
    if (ids !== null) {
      const expected = probe.prepare('SELECT sz FROM p_docsize WHERE id = ?').pluck();
      const actual = db.prepare(`SELECT sz FROM ${index.table}_docsize WHERE id = ?`).pluck();
      return ids.filter((id) => {
        const e = expected.get(id) as Buffer | undefined;
        const a = actual.get(id) as Buffer | undefined;
        return !e || !a || !Buffer.from(e).equals(Buffer.from(a));
      }).length;
    }
    // both lists sorted by id: walk them side by side
    const expected = probe.prepare('SELECT id, sz FROM p_docsize ORDER BY id').raw().iterate() as IterableIterator<
      [number, Buffer]
    >;
    const actual = db
      .prepare(`SELECT id, sz FROM ${index.table}_docsize ORDER BY id`)
      .raw()
      .iterate() as IterableIterator<[number, Buffer]>;
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

/** The newest `size / 2` documents (the ones written since a rebuild) and as many others at random. */
function sampleOf(db: Db, size: number): number[] {
  const newest = db
    .prepare('SELECT id FROM search_doc ORDER BY id DESC LIMIT ?')
    .pluck()
    .all(Math.ceil(size / 2)) as number[];
  const older = db
    .prepare('SELECT id FROM search_doc WHERE id < ?')
    .pluck()
    .all(newest.at(-1) ?? 0) as number[];
  for (let i = older.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [older[i], older[j]] = [older[j], older[i]];
  }
  return [...newest, ...older.slice(0, size - newest.length)].sort((a, b) => a - b);
}

/**
 * Whether the index agrees with the tables, without changing anything (it runs on a read-only
 * connection, so FTS5's own 'integrity-check', which is a write, is not available):
 *  - every trigger that keeps it in step exists, and it is not left half-rebuilt;
 *  - `search_doc` holds a document for exactly the records there are (none missing or extra):
 *    record by record, or with `sample` each kind's number of documents against its records;
 *  - each document holds what its record gives now, and both FTS indexes hold it with the token
 *    counts its text has: every document, or with `sample` that many (the newest half and a
 *    random half of the rest), which is what lets `samrad check` stay fast on a large file.
 */
export function checkSearchIndex(db: Db, options: { sample?: number } = {}): SearchIndexReport {
  if (!hasSearchTables(db))
    return {
      ok: false,
      documents: 0,
      checked: 0,
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

  const views = sourceViews(db);
  const records = views.map((v) => `SELECT kind, ref_id FROM ${v}`).join(' UNION ALL ');
  const listed = (sql: string) =>
    db.prepare(`${sql} LIMIT ${MAX_LISTED + 1}`).all() as Array<{ kind: string; ref_id: number }>;
  const describe = (rows: Array<{ kind: string; ref_id: number }>) =>
    rows
      .slice(0, MAX_LISTED)
      .map((r) => `${r.kind} ${r.ref_id}`)
      .join(', ') + (rows.length > MAX_LISTED ? ', …' : '');
  const ids = options.sample !== undefined && options.sample < documents ? sampleOf(db, options.sample) : null;
  if (ids === null) {
    const missing = listed(
      `SELECT kind, ref_id FROM (${records}) e WHERE NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.kind = e.kind AND d.ref_id = e.ref_id)`,
    );
    if (missing.length) problems.push(`records missing from the index: ${describe(missing)}`);
    const extra = listed(
      `SELECT kind, ref_id FROM search_doc d WHERE NOT EXISTS (SELECT 1 FROM (${records}) e WHERE e.kind = d.kind AND e.ref_id = d.ref_id)`,
    );
    if (extra.length) problems.push(`index entries for records that do not exist: ${describe(extra)}`);
  } else problems.push(...countsDiffer(db, views));
  const stale =
    ids === null
      ? listed(
          `SELECT kind, ref_id FROM (SELECT ${cols} FROM search_doc EXCEPT SELECT ${cols} FROM (${views
            .map((v) => `SELECT ${cols} FROM ${v}`)
            .join(' UNION ALL ')})) WHERE (kind, ref_id) IN (${records})`,
        )
      : staleAmong(db, ids, new Set(views));
  if (stale.length) problems.push(`index entries out of date: ${describe(stale)}`);

  for (const index of INDEXES) {
    const differ = differingDocuments(db, index, ids);
    if (differ > 0)
      problems.push(`${index.table}: ${differ} documents indexed with other text than they hold; run "samrad reindex"`);
  }
  return { ok: problems.length === 0, documents, checked: ids?.length ?? documents, problems };
}

/**
 * Each kind's number of documents against its number of records (counted through indexes, not
 * by reading rows): a record without its document, or a document left of a removed record, moves
 * one of them. A missing and an extra document of one kind at once cancel out here; the whole
 * check names each.
 */
function countsDiffer(db: Db, views: string[]): string[] {
  const documents = new Map(
    db.prepare('SELECT kind, count(*) FROM search_doc GROUP BY kind').raw().all() as Array<[string, number]>,
  );
  const problems: string[] = [];
  for (const view of views) {
    const kind = view.slice('search_src_'.length);
    const records = db.prepare(`SELECT count(*) FROM ${view}`).pluck().get() as number;
    const indexed = documents.get(kind) ?? 0;
    documents.delete(kind);
    if (indexed !== records)
      problems.push(
        `the index holds ${indexed} documents of kind ${kind} for ${records} records; run "samrad reindex"`,
      );
  }
  for (const [kind, indexed] of documents)
    problems.push(`the index holds ${indexed} documents of kind ${kind}, which has no records; run "samrad reindex"`);
  return problems;
}

/** The documents among `ids` whose stored columns differ from what their record's source view gives now. */
function staleAmong(db: Db, ids: number[], views: Set<string>): Array<{ kind: string; ref_id: number }> {
  const stored = db.prepare(`SELECT ${cols} FROM search_doc WHERE id = ?`);
  const stale: Array<{ kind: string; ref_id: number }> = [];
  for (const id of ids) {
    const doc = stored.get(id) as Record<string, unknown> | undefined;
    if (!doc) continue;
    const view = `search_src_${doc.kind as string}`;
    // a document of a kind without a view is an extra entry, reported above
    if (!views.has(view)) continue;
    const now = db.prepare(`SELECT ${cols} FROM ${view} WHERE ref_id = ?`).get(doc.ref_id) as
      Record<string, unknown> | undefined;
    // gone: counted by countsDiffer unless another record of its kind came without a document
    if (!now || SEARCH_COLUMNS.some((c) => now[c] !== doc[c]))
      stale.push({ kind: doc.kind as string, ref_id: doc.ref_id as number });
  }
  return stale;
}
