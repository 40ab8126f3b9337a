import type { Ctx } from '../context';
import type { Db } from '../db/open';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchResult, type SearchStatus } from '../../../shared/contract/search';
import { matchRanges, parseQuery, snippetOf, termPatterns, type ParsedQuery } from './query';

export interface SearchFilter {
  q: string;
  kinds?: SearchKind[];
  bodyId?: number;
  from?: string;
  to?: string;
  status?: SearchStatus;
  limit: number;
  offset: number;
}

/**
 * How many matching records one search reads and ranks, newest first. A word found in most
 * of 100 000 §§ cannot be ranked in full within the time a keystroke allows (BM25 over every
 * match is linear in the matches: ~0.8 s there, see `npm run bench`), so ranking weighs the
 * newest WINDOW matches and the result says `more` beyond them. Paging past the window widens it.
 */
export const WINDOW = 300;
/** how many trigram candidates one window may read, so a query with many near misses stays bounded */
const SCAN_LIMIT = 1500;

/** what filtering and counting need: the index search_doc_facets holds exactly these, so no text is read */
interface Facet {
  id: number;
  kind: SearchKind;
}

interface DocRow {
  id: number;
  kind: SearchKind;
  ref_id: number;
  meeting_id: number | null;
  paragraph_id: number | null;
  version_id: number | null;
  date_from: string | null;
  date_to: string | null;
  status: SearchStatus | null;
  title: string | null;
  dnr: string | null;
  content: string | null;
}

const TEXT_COLUMNS = 'd.id, d.kind, d.ref_id, d.meeting_id, d.paragraph_id, d.version_id, d.date_from, d.date_to, d.status, d.title, d.dnr, d.content';

function filterClause(filter: SearchFilter, withKinds: boolean): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (withKinds && filter.kinds && filter.kinds.length > 0) {
    where.push(`d.kind IN (${filter.kinds.map(() => '?').join(', ')})`);
    params.push(...filter.kinds);
  }
  if (filter.bodyId !== undefined) {
    where.push('d.body_id = ?');
    params.push(filter.bodyId);
  }
  // a record of the period: a meeting on a day in it, a version valid at some time in it
  if (filter.from !== undefined) {
    where.push('d.date_to >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('d.date_from <= ?');
    params.push(filter.to);
  }
  if (filter.status !== undefined) {
    where.push('d.status = ?');
    params.push(filter.status);
  }
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}

/** field weights: titles count most, then the dnr, then the text (the same for bm25 and the check of compound parts) */
const FIELDS = [
  { key: 'title', weight: 10 },
  { key: 'dnr', weight: 4 },
  { key: 'content', weight: 1 },
] as const;

interface Window {
  /** whole words, prefixes and phrases: exact, from the word index, best first */
  words: Facet[];
  /** parts of compounds only the trigram index finds, checked against the text, best first */
  parts: DocRow[];
  more: boolean;
}

/**
 * The newest `want` matches (highest id first: see 005_search), ranked. First the word index,
 * exact and cheap, ranked by FTS5's bm25 within the window; then, when a term may be part of a
 * compound and the window is not full, the trigram index for records where it occurs only
 * inside a longer word — those are checked against the text and rank after the word matches.
 */
function search(db: Db, parsed: ParsedQuery, filter: SearchFilter, withKinds: boolean, want: number): Window {
  const { sql: where, params } = filterClause(filter, withKinds);
  const words = db
    .prepare(
      `SELECT d.id AS id, d.kind AS kind FROM search_word f JOIN search_doc d INDEXED BY search_doc_facets ON d.id = f.rowid
       WHERE search_word MATCH ?${where} ORDER BY f.rowid DESC LIMIT ?`,
    )
    .all(parsed.word, ...params, want + 1) as Facet[];
  let more = words.length > want;
  if (more) words.length = want;
  if (words.length > 0) {
    const score = new Map<number, number>();
    const lowest = words[words.length - 1].id;
    for (const r of db.prepare('SELECT rowid AS id, bm25(search_word, 10.0, 4.0, 1.0) AS s FROM search_word WHERE search_word MATCH ? AND rowid >= ?').all(parsed.word, lowest) as Array<{ id: number; s: number }>) {
      score.set(r.id, r.s);
    }
    words.sort((a, b) => score.get(a.id)! - score.get(b.id)! || b.id - a.id);
  }

  const parts: DocRow[] = [];
  if (parsed.trigram && !more) {
    const patterns = termPatterns(parsed.terms);
    const seen = new Set(words.map((w) => w.id));
    const candidates = db
      .prepare(`SELECT ${TEXT_COLUMNS} FROM search_tri f JOIN search_doc d ON d.id = f.rowid WHERE search_tri MATCH ?${where} ORDER BY f.rowid DESC LIMIT ?`)
      .iterate(parsed.trigram, ...params, SCAN_LIMIT + 1) as IterableIterator<DocRow>;
    let scanned = 0;
    for (const row of candidates) {
      if (++scanned > SCAN_LIMIT || words.length + parts.length === want) {
        more = true;
        break;
      }
      if (seen.has(row.id)) continue;
      if (patterns.every((p) => FIELDS.some((f) => test(p, row[f.key])))) parts.push(row);
    }
    const scores = new Map(rank(parts, parsed).map((s) => [s.row.id, s.score]));
    parts.sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || b.id - a.id);
  }
  return { words, parts, more };
}

function test(pattern: RegExp, text: string | null): boolean {
  if (!text) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** BM25's term weight (k1 1.2, b 0.75) per field with the weights above, for records the word index cannot score. */
function rank(rows: DocRow[], parsed: ParsedQuery): Array<{ row: DocRow; score: number }> {
  const patterns = termPatterns(parsed.terms);
  const avg = FIELDS.map((f) => Math.max(1, rows.reduce((sum, r) => sum + (r[f.key]?.length ?? 0), 0) / Math.max(1, rows.length)));
  return rows.map((row) => {
    let score = 0;
    FIELDS.forEach((f, i) => {
      const text = row[f.key];
      if (!text) return;
      const norm = 1 - 0.75 + 0.75 * (text.length / avg[i]);
      for (const p of patterns) {
        p.lastIndex = 0;
        let tf = 0;
        for (let m = p.exec(text); m; m = p.exec(text)) {
          tf++;
          if (m[0].length === 0) p.lastIndex++;
        }
        if (tf > 0) score += (f.weight * (tf * 2.2)) / (tf + 1.2 * norm);
      }
    });
    return { row, score };
  });
}

function emptyCounts(): Record<SearchKind, number> {
  return Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
}

export function searchRecords(ctx: Ctx, filter: SearchFilter): SearchResult {
  return searchDb(ctx.db, filter);
}

export function searchDb(db: Db, filter: SearchFilter): SearchResult {
  const parsed = parseQuery(filter.q);
  const counts = emptyCounts();
  if (!parsed.word) return { query: '', total: 0, more: false, counts, hits: [] };

  const want = Math.max(WINDOW, Math.ceil((filter.offset + filter.limit) / WINDOW) * WINDOW);
  const byKind = Boolean(filter.kinds && filter.kinds.length > 0);
  // counts per kind come from a window without the kind filter, so the other kinds can show theirs
  const all = search(db, parsed, filter, false, want);
  for (const row of [...all.words, ...all.parts]) counts[row.kind]++;
  const chosen = byKind ? search(db, parsed, filter, true, want) : all;
  const found = [...chosen.words, ...chosen.parts];
  if (byKind) for (const k of filter.kinds!) counts[k] = found.filter((r) => r.kind === k).length;

  const page = found.slice(filter.offset, filter.offset + filter.limit);
  const rows = textOf(db, page.map((r) => r.id));
  return {
    query: parsed.display,
    total: found.length,
    more: chosen.more,
    counts,
    hits: page.map((r) => rows.get(r.id)!).map((row) => toHit(row, parsed)),
  };
}

/** Text, names and places of the hits shown: read for these few only (names live, so they are never stale). */
function textOf(db: Db, ids: number[]): Map<number, DocRow & Context> {
  const out = new Map<number, DocRow & Context>();
  if (ids.length === 0) return out;
  const found = db
    .prepare(
      `SELECT ${TEXT_COLUMNS}, b.name AS body_name, p.number AS paragraph_number, v.title AS version_title, o.name AS organisation_name
       FROM search_doc d
       LEFT JOIN body b ON b.id = d.body_id
       LEFT JOIN paragraph p ON p.id = d.paragraph_id
       LEFT JOIN agreement_version v ON v.id = d.version_id AND d.kind <> 'version'
       LEFT JOIN person pe ON d.kind = 'person' AND pe.id = d.ref_id
       LEFT JOIN organisation o ON o.id = pe.organisation_id
       WHERE d.id IN (${ids.map(() => '?').join(', ')})`,
    )
    .all(...ids) as Array<DocRow & Context>;
  for (const r of found) out.set(r.id, r);
  return out;
}

interface Context {
  body_name: string | null;
  paragraph_number: number | null;
  version_title: string | null;
  organisation_name: string | null;
}

function toHit(row: DocRow & Context, parsed: ParsedQuery): SearchHit {
  const c = row;
  const { snippet, highlights } = snippetOf(row.content, parsed.terms);
  return {
    kind: row.kind,
    id: row.ref_id,
    title: row.title,
    titleHighlights: row.title ? matchRanges(row.title, parsed.terms) : [],
    snippet,
    highlights,
    status: row.status,
    dateFrom: row.date_from,
    dateTo: row.date_to,
    context: {
      bodyName: c.body_name,
      paragraphNumber: c.paragraph_number,
      versionTitle: c.version_title,
      organisationName: c.organisation_name,
    },
    open: openTarget(row),
  };
}

/** Where the app shows a record: the § on its protocol tab, a section in its version, … (anchors are element ids those pages render). */
function openTarget(row: DocRow): SearchHit['open'] {
  switch (row.kind) {
    case 'paragraph':
      return { route: `/meetings/${row.meeting_id}/protocol`, anchor: `paragraph-${row.ref_id}-title` };
    case 'action':
    case 'correction':
      return { route: `/meetings/${row.meeting_id}/protocol`, anchor: row.paragraph_id ? `paragraph-${row.paragraph_id}-title` : null };
    case 'agenda':
      return { route: `/meetings/${row.meeting_id}/agenda`, anchor: null };
    case 'meeting':
      return { route: `/meetings/${row.ref_id}/agenda`, anchor: null };
    case 'version':
      return { route: `/agreements/version/${row.ref_id}`, anchor: null };
    case 'section':
      return { route: `/agreements/version/${row.version_id}`, anchor: `section-${row.ref_id}` };
    case 'priority':
      return { route: `/agreements/version/${row.version_id}`, anchor: null };
    case 'person':
      return { route: '/people', anchor: null };
    case 'organisation':
      return { route: '/organisations', anchor: null };
  }
}
