import type { Ctx } from '../context';
import type { Db } from '../db/open';
import {
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  type SearchResult,
  type SearchStatus,
} from '../../../shared/contract/search';
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

const TEXT_COLUMNS =
  'd.id, d.kind, d.ref_id, d.meeting_id, d.paragraph_id, d.version_id, d.date_from, d.date_to, d.status, d.title, d.dnr, d.content';

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

/** field weights for BM25: titles count most, then the dnr, then the text */
const FIELDS = [
  { key: 'title', weight: 10 },
  { key: 'dnr', weight: 4 },
  { key: 'content', weight: 1 },
] as const;

interface Window {
  /** whole words, short prefixes and phrases: exact, from the word index, best first */
  words: DocRow[];
  /** parts of compounds only the trigram index finds, checked against the text, best first */
  parts: DocRow[];
  more: boolean;
}

/**
 * The newest `want` matches (highest id first: see 005_search), ranked. First the word index,
 * exact and cheap: whole words, short prefixes and phrases. Then, when a term may also be a
 * prefix or part of a compound and the window is not full, the trigram index, read newest
 * first: each candidate is checked against its text. Both ranked by BM25, the trigram ones
 * after the whole-word ones, a match that starts a word ("trygg" in "trygghet") counting fully
 * and one inside a compound ("inbrott" in "bostadsinbrott") half.
 */
function search(db: Db, parsed: ParsedQuery, filter: SearchFilter, withKinds: boolean, want: number): Window {
  const { sql: where, params } = filterClause(filter, withKinds);
  const words = db
    .prepare(
      `SELECT ${TEXT_COLUMNS} FROM search_word f JOIN search_doc d ON d.id = f.rowid WHERE search_word MATCH ?${where} ORDER BY f.rowid DESC LIMIT ?`,
    )
    .all(parsed.word, ...params, want + 1) as DocRow[];
  let more = words.length > want;
  if (more) words.length = want;
  rankInPlace(words, parsed);

  const parts: DocRow[] = [];
  if (parsed.trigram && !more) {
    const patterns = termPatterns(parsed.terms);
    const seen = new Set(words.map((w) => w.id));
    const candidates = db
      .prepare(
        `SELECT ${TEXT_COLUMNS} FROM search_tri f JOIN search_doc d ON d.id = f.rowid WHERE search_tri MATCH ?${where} ORDER BY f.rowid DESC LIMIT ?`,
      )
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
    rankInPlace(parts, parsed);
  }
  return { words, parts, more };
}

function test(pattern: RegExp, text: string | null): boolean {
  if (!text) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** Whether a match at `index` starts a word (rather than sitting inside a compound). */
function startsWord(text: string, index: number): boolean {
  return index === 0 || !/[\p{L}\p{N}]/u.test(text[index - 1]);
}

/**
 * BM25 (k1 1.2, b 0.75) per field with the weights above, computed here rather than by FTS5:
 * FTS5's bm25() works out each phrase's document frequency over the whole index, ~20 ms for a
 * common phrase on 100 000 §§, and every record in the window holds every term anyway, so the
 * IDF is the same for all of them and changes no order. Sorts best first, newer first on a tie.
 */
function rankInPlace(rows: DocRow[], parsed: ParsedQuery): void {
  const scores = new Map(score(rows, parsed).map((s) => [s.row.id, s.score]));
  rows.sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || b.id - a.id);
}

function score(rows: DocRow[], parsed: ParsedQuery): Array<{ row: DocRow; score: number }> {
  const patterns = termPatterns(parsed.terms);
  const avg = FIELDS.map((f) =>
    Math.max(1, rows.reduce((sum, r) => sum + (r[f.key]?.length ?? 0), 0) / Math.max(1, rows.length)),
  );
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
          tf += startsWord(text, m.index) ? 1 : 0.5;
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
  const rows = textOf(
    db,
    page.map((r) => r.id),
  );
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
      return {
        route: `/meetings/${row.meeting_id}/protocol`,
        anchor: row.paragraph_id ? `paragraph-${row.paragraph_id}-title` : null,
      };
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
