/**
 * Full-text search over what users look for: agreement versions, their sections and
 * priorities, meetings, agenda items, §§, action items, correction notes, people and
 * organisations.
 *
 * One row per searchable record in `search_doc` (its text, and the facts the filters need),
 * fed by triggers on the source tables, so every write — service, contract or raw SQL — keeps
 * the index in step inside its own transaction. Two FTS5 indexes over it, contentless (the
 * text is stored once, in `search_doc`) with contentless_delete so a row can be taken out by id:
 *  - `search_word`: unicode61 with remove_diacritics 0, so å/ä/ö stay letters of their own
 *    ("för" never matches "for") while case folds; words, prefixes, phrases, dnr;
 *  - `search_tri`: trigrams of all the text in one column, detail=none (a tenth of the size of
 *    detail=full): it finds the records holding every trigram of a word, so a part of a Swedish
 *    compound is found ("inbrott" in "bostadsinbrott"), which word and prefix matching cannot
 *    do; the search code then checks the word really occurs (see electron/backend/search).
 *
 * What a record contributes is defined once, in the `search_src_<kind>` views: the triggers,
 * `samrad reindex` and `samrad check` all read them, so they cannot disagree on the text.
 * `search_state.live` is 0 only inside a rebuild, which fills `search_doc` first and the FTS
 * indexes after, in bulk. Documents are numbered in date order by a rebuild and in writing
 * order after it, so a higher id is a newer record: search reads the newest matches first.
 */

/** The columns of `search_doc` a source view provides, in order. */
export const SEARCH_COLUMNS = [
  'kind',
  'ref_id',
  'meeting_id',
  'paragraph_id',
  'version_id',
  'body_id',
  'date_from',
  'date_to',
  'status',
  'title',
  'dnr',
  'content',
] as const;

const STATUS_OF_MEETING = `CASE WHEN pr.status = 'attested' THEN 'attested' ELSE 'draft' END`;
const STATUS_OF_PARAGRAPH = `CASE WHEN p.immediately_attested_at IS NOT NULL OR pr.status = 'attested' THEN 'attested' ELSE 'draft' END`;
const STATUS_OF_VERSION = `CASE WHEN v.status = 'signed' THEN 'signed' ELSE 'draft' END`;

/**
 * The plain text of a rich-text section (ProseMirror JSON): text runs of one block are joined
 * as they are (a bold part of a word stays one word), blocks and line breaks by a space.
 */
const richText = (column: string) => `(SELECT string_agg(block, ' ' ORDER BY first) FROM (
    SELECT string_agg(CASE WHEN t.key = 'text' THEN t.value ELSE ' ' END, '' ORDER BY t.id) AS block, min(t.id) AS first
    FROM json_tree(${column}) t JOIN json_tree(${column}) o ON o.id = t.parent
    WHERE (t.key = 'text' AND t.type = 'text') OR (t.key = 'type' AND t.value = 'hardBreak')
    GROUP BY o.parent))`;

/** kind → the SELECT giving its documents, columns as SEARCH_COLUMNS */
const SOURCES: Record<string, string> = {
  paragraph: `SELECT 'paragraph' AS kind, p.id AS ref_id, p.meeting_id AS meeting_id, p.id AS paragraph_id, NULL AS version_id,
      p.body_id AS body_id, m.date AS date_from, m.date AS date_to, ${STATUS_OF_PARAGRAPH} AS status,
      p.title AS title, p.dnr AS dnr, concat_ws(' ', p.background, p.decision, p.notes, p.distribution) AS content
    FROM paragraph p JOIN meeting m ON m.id = p.meeting_id JOIN protocol pr ON pr.meeting_id = p.meeting_id`,
  meeting: `SELECT 'meeting' AS kind, m.id AS ref_id, m.id AS meeting_id, NULL AS paragraph_id, NULL AS version_id,
      m.body_id AS body_id, m.date AS date_from, m.date AS date_to, ${STATUS_OF_MEETING} AS status,
      b.name || ' ' || m.date AS title, NULL AS dnr, concat_ws(' ', m.place, m.notes, m.cancel_reason) AS content
    FROM meeting m JOIN body b ON b.id = m.body_id LEFT JOIN protocol pr ON pr.meeting_id = m.id`,
  agenda: `SELECT 'agenda' AS kind, a.id AS ref_id, a.meeting_id AS meeting_id, NULL AS paragraph_id, NULL AS version_id,
      m.body_id AS body_id, m.date AS date_from, m.date AS date_to, ${STATUS_OF_MEETING} AS status,
      a.title AS title, a.dnr AS dnr, concat_ws(' ', a.description, a.presenter) AS content
    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN protocol pr ON pr.meeting_id = a.meeting_id`,
  action: `SELECT 'action' AS kind, x.id AS ref_id, p.meeting_id AS meeting_id, p.id AS paragraph_id, NULL AS version_id,
      p.body_id AS body_id, m.date AS date_from, m.date AS date_to, ${STATUS_OF_PARAGRAPH} AS status,
      x.description AS title, NULL AS dnr, NULL AS content
    FROM action_item x JOIN paragraph p ON p.id = x.paragraph_id JOIN meeting m ON m.id = p.meeting_id
      JOIN protocol pr ON pr.meeting_id = p.meeting_id`,
  correction: `SELECT 'correction' AS kind, c.id AS ref_id, c.meeting_id AS meeting_id, c.paragraph_id AS paragraph_id, NULL AS version_id,
      m.body_id AS body_id, m.date AS date_from, m.date AS date_to, 'attested' AS status,
      NULL AS title, NULL AS dnr, c.text AS content
    FROM correction_note c JOIN meeting m ON m.id = c.meeting_id`,
  version: `SELECT 'version' AS kind, v.id AS ref_id, NULL AS meeting_id, NULL AS paragraph_id, v.id AS version_id,
      NULL AS body_id, v.valid_from AS date_from, v.valid_to AS date_to, ${STATUS_OF_VERSION} AS status,
      v.title AS title, v.dnr AS dnr, a.name AS content
    FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id`,
  section: `SELECT 'section' AS kind, s.id AS ref_id, NULL AS meeting_id, NULL AS paragraph_id, s.version_id AS version_id,
      NULL AS body_id, v.valid_from AS date_from, v.valid_to AS date_to, ${STATUS_OF_VERSION} AS status,
      s.heading AS title, NULL AS dnr, ${richText('s.body')} AS content
    FROM agreement_section s JOIN agreement_version v ON v.id = s.version_id`,
  priority: `SELECT 'priority' AS kind, r.id AS ref_id, NULL AS meeting_id, NULL AS paragraph_id, r.version_id AS version_id,
      NULL AS body_id, v.valid_from AS date_from, v.valid_to AS date_to, ${STATUS_OF_VERSION} AS status,
      r.title AS title, NULL AS dnr, concat_ws(' ', r.description, r.source) AS content
    FROM agreement_priority r JOIN agreement_version v ON v.id = r.version_id`,
  person: `SELECT 'person' AS kind, p.id AS ref_id, NULL AS meeting_id, NULL AS paragraph_id, NULL AS version_id,
      NULL AS body_id, NULL AS date_from, NULL AS date_to, NULL AS status,
      p.name AS title, NULL AS dnr, concat_ws(' ', p.title, p.email, p.phone, o.name) AS content
    FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id`,
  organisation: `SELECT 'organisation' AS kind, o.id AS ref_id, NULL AS meeting_id, NULL AS paragraph_id, NULL AS version_id,
      NULL AS body_id, NULL AS date_from, NULL AS date_to, NULL AS status,
      o.name AS title, NULL AS dnr, o.short_name AS content
    FROM organisation o`,
};

const cols = SEARCH_COLUMNS.join(', ');
const updates = SEARCH_COLUMNS.filter((c) => c !== 'kind' && c !== 'ref_id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

/** Brings the documents of `kind` that `where` selects (on the view's columns) up to date. */
const refresh = (kind: string, where: string) =>
  `INSERT INTO search_doc (${cols}) SELECT ${cols} FROM search_src_${kind} WHERE ${where}
   ON CONFLICT (kind, ref_id) DO UPDATE SET ${updates};`;
const drop = (kind: string) => `DELETE FROM search_doc WHERE kind = '${kind}' AND ref_id = OLD.id;`;

/** For each source table: what to refresh after an insert or update, which kind to drop after a delete. */
interface Feed {
  table: string;
  /** the kind whose document is this row; refreshed by its id */
  kind?: string;
  /** further refreshes after an update (documents that show or depend on this row) */
  afterUpdate?: string[];
  afterInsert?: string[];
  afterDelete?: string[];
  /** only these columns' updates matter */
  updateOf?: string[];
}

const meetingChildren = (id: string) =>
  ['meeting', 'agenda', 'paragraph', 'action'].map((k) => refresh(k, `meeting_id = ${id}`));

const FEEDS: Feed[] = [
  { table: 'paragraph', kind: 'paragraph', afterUpdate: [refresh('action', 'paragraph_id = NEW.id')] },
  {
    table: 'meeting',
    kind: 'meeting',
    afterUpdate: [...meetingChildren('NEW.id'), refresh('correction', 'meeting_id = NEW.id')],
  },
  {
    table: 'protocol',
    afterInsert: meetingChildren('NEW.meeting_id'),
    afterUpdate: meetingChildren('NEW.meeting_id'),
    afterDelete: meetingChildren('OLD.meeting_id'),
  },
  { table: 'agenda_item', kind: 'agenda' },
  { table: 'action_item', kind: 'action' },
  { table: 'correction_note', kind: 'correction' },
  { table: 'body', updateOf: ['name'], afterUpdate: [refresh('meeting', 'body_id = NEW.id')] },
  {
    table: 'agreement',
    updateOf: ['name'],
    afterUpdate: [refresh('version', 'version_id IN (SELECT id FROM agreement_version WHERE agreement_id = NEW.id)')],
  },
  {
    table: 'agreement_version',
    kind: 'version',
    afterUpdate: [refresh('section', 'version_id = NEW.id'), refresh('priority', 'version_id = NEW.id')],
  },
  { table: 'agreement_section', kind: 'section' },
  { table: 'agreement_priority', kind: 'priority' },
  { table: 'person', kind: 'person' },
  {
    table: 'organisation',
    kind: 'organisation',
    afterUpdate: [refresh('person', 'ref_id IN (SELECT id FROM person WHERE organisation_id = NEW.id)')],
  },
];

function feedTriggers(): { sql: string; names: string[] } {
  const out: string[] = [];
  const names: string[] = [];
  const trigger = (name: string, event: string, table: string, body: string[]) => {
    if (body.length === 0) return;
    names.push(name);
    out.push(`CREATE TRIGGER ${name} AFTER ${event} ON ${table}\nBEGIN\n  ${body.join('\n  ')}\nEND;`);
  };
  for (const f of FEEDS) {
    const own = f.kind ? [refresh(f.kind, 'ref_id = NEW.id')] : [];
    trigger(`search_${f.table}_ai`, 'INSERT', f.table, [...own, ...(f.afterInsert ?? [])]);
    trigger(`search_${f.table}_au`, f.updateOf ? `UPDATE OF ${f.updateOf.join(', ')}` : 'UPDATE', f.table, [
      ...own,
      ...(f.afterUpdate ?? []),
    ]);
    trigger(`search_${f.table}_ad`, 'DELETE', f.table, [...(f.kind ? [drop(f.kind)] : []), ...(f.afterDelete ?? [])]);
  }
  return { sql: out.join('\n\n'), names };
}

const feeds = feedTriggers();

/** The text of a document as the trigram index holds it: all of it, in one column. */
export const TRIGRAM_TEXT = (row: string) => `concat_ws(' ', ${row}title, ${row}dnr, ${row}content)`;
const ftsInsert = [
  'INSERT INTO search_word (rowid, title, dnr, content) VALUES (NEW.id, NEW.title, NEW.dnr, NEW.content);',
  `INSERT INTO search_tri (rowid, text) VALUES (NEW.id, ${TRIGRAM_TEXT('NEW.')});`,
];
const ftsDelete = ['DELETE FROM search_word WHERE rowid = OLD.id;', 'DELETE FROM search_tri WHERE rowid = OLD.id;'];

/** Every trigger this migration creates; `samrad check` reports any that is missing. */
export const SEARCH_TRIGGERS = [...feeds.names, 'search_doc_ai', 'search_doc_ad', 'search_doc_au'];
export const SEARCH_KINDS = Object.keys(SOURCES);

/** Fills `search_doc` from every source view, oldest record first, then both FTS indexes in bulk, merged into one segment each. */
export const FILL_SQL = `
INSERT INTO search_doc (${cols})
SELECT ${cols} FROM (${SEARCH_KINDS.map((kind) => `SELECT ${cols} FROM search_src_${kind}`).join('\nUNION ALL ')})
ORDER BY coalesce(date_from, ''), kind, ref_id;
INSERT INTO search_word (rowid, title, dnr, content) SELECT id, title, dnr, content FROM search_doc;
INSERT INTO search_tri (rowid, text) SELECT id, ${TRIGRAM_TEXT('')} FROM search_doc;
-- one segment each: FTS5 would otherwise merge the bulk-loaded segment bit by bit into every
-- following write (8 ms per § written on 100 000 §§, 1 ms after optimize)
INSERT INTO search_word (search_word) VALUES ('optimize');
INSERT INTO search_tri (search_tri) VALUES ('optimize');`;

export const up = /* sql */ `
CREATE TABLE search_doc (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  ref_id        INTEGER NOT NULL,
  meeting_id    INTEGER,
  paragraph_id  INTEGER,
  version_id    INTEGER,
  body_id       INTEGER,
  date_from     TEXT,
  date_to       TEXT,
  -- draft | attested | signed (NULL for people and organisations)
  status        TEXT,
  title         TEXT,
  dnr           TEXT,
  content       TEXT,
  UNIQUE (kind, ref_id)
) STRICT;

CREATE TABLE search_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  live  INTEGER NOT NULL CHECK (live IN (0,1))
) STRICT;
INSERT INTO search_state (id, live) VALUES (1, 0);

-- prefix indexes for one and two letters: the first keystrokes of a search ("s", "sa") would
-- otherwise merge the lists of thousands of words (0.2 s on 100 000 §§)
CREATE VIRTUAL TABLE search_word USING fts5(title, dnr, content, content='', contentless_delete=1, prefix='1 2', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_tri USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='trigram remove_diacritics 0');

${Object.entries(SOURCES)
  .map(([kind, select]) => `CREATE VIEW search_src_${kind} AS\n${select};`)
  .join('\n\n')}

CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc
WHEN (SELECT live FROM search_state) = 1
BEGIN
  ${ftsInsert.join('\n  ')}
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc
WHEN (SELECT live FROM search_state) = 1
BEGIN
  ${ftsDelete.join('\n  ')}
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc
WHEN (SELECT live FROM search_state) = 1
  AND (OLD.title IS NOT NEW.title OR OLD.dnr IS NOT NEW.dnr OR OLD.content IS NOT NEW.content OR OLD.id IS NOT NEW.id)
BEGIN
  ${ftsDelete.join('\n  ')}
  ${ftsInsert.join('\n  ')}
END;

${feeds.sql}

-- the records that exist already
${FILL_SQL}
UPDATE search_state SET live = 1;
`;
