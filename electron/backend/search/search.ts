import type { Ctx } from '../context';
import type { Db } from '../db/open';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchResult, type SearchStatus } from '../../../shared/contract/search';
import { parseQuery, snippetOf, matchRanges, type ParsedQuery } from './query';

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

interface HitRow {
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
  content: string | null;
  body_name: string | null;
  paragraph_number: number | null;
  version_title: string | null;
  organisation_name: string | null;
}

/**
 * The FROM … WHERE that selects the matching documents as `d`, ranked by bm25 as `score`
 * (lower is better). The trigram index ranks when it takes part, since it holds the longer
 * words; the word index then only narrows.
 */
function matchClause(parsed: ParsedQuery, filter: SearchFilter, withKinds: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  let from: string;
  if (parsed.trigram) {
    from = 'search_tri f JOIN search_doc d ON d.id = f.rowid';
    where.push('search_tri MATCH ?');
    params.push(parsed.trigram);
    if (parsed.word) {
      where.push('d.id IN (SELECT rowid FROM search_word WHERE search_word MATCH ?)');
      params.push(parsed.word);
    }
  } else {
    from = 'search_word f JOIN search_doc d ON d.id = f.rowid';
    where.push('search_word MATCH ?');
    params.push(parsed.word);
  }
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
  return { sql: `FROM ${from} WHERE ${where.join(' AND ')}`, params };
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
  if (!parsed.trigram && !parsed.word) return { query: '', total: 0, counts, hits: [] };

  const all = matchClause(parsed, filter, false);
  for (const row of db.prepare(`SELECT d.kind AS kind, count(*) AS n ${all.sql} GROUP BY d.kind`).all(...all.params) as Array<{ kind: SearchKind; n: number }>) {
    if (row.kind in counts) counts[row.kind] = row.n;
  }
  const counted: readonly SearchKind[] = filter.kinds && filter.kinds.length > 0 ? filter.kinds : SEARCH_KINDS;
  const total = counted.reduce((sum, k) => sum + counts[k], 0);

  const ranked = matchClause(parsed, filter, true);
  const rows = db
    .prepare(
      `WITH hit AS (SELECT d.id AS id, f.rank AS score ${ranked.sql} ORDER BY f.rank, d.id LIMIT ? OFFSET ?)
       SELECT d.id, d.kind, d.ref_id, d.meeting_id, d.paragraph_id, d.version_id, d.date_from, d.date_to, d.status, d.title, d.content,
              b.name AS body_name, p.number AS paragraph_number, v.title AS version_title, o.name AS organisation_name
       FROM hit JOIN search_doc d ON d.id = hit.id
       LEFT JOIN body b ON b.id = d.body_id
       LEFT JOIN paragraph p ON p.id = d.paragraph_id
       LEFT JOIN agreement_version v ON v.id = d.version_id AND d.kind <> 'version'
       LEFT JOIN person pe ON d.kind = 'person' AND pe.id = d.ref_id
       LEFT JOIN organisation o ON o.id = pe.organisation_id
       ORDER BY hit.score, hit.id`,
    )
    .all(...ranked.params, filter.limit, filter.offset) as HitRow[];

  return { query: parsed.display, total, counts, hits: rows.map((row) => toHit(row, parsed)) };
}

function toHit(row: HitRow, parsed: ParsedQuery): SearchHit {
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
      bodyName: row.body_name,
      paragraphNumber: row.paragraph_number,
      versionTitle: row.version_title,
      organisationName: row.organisation_name,
    },
    open: openTarget(row),
  };
}

/** Where the app shows a record: the § on its protocol tab, a section in its version, … (anchors are element ids those pages render). */
function openTarget(row: HitRow): SearchHit['open'] {
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
