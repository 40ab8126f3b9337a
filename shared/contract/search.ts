import { z } from 'zod';
import { method } from './define';
import { id, isoDate } from './common';

/**
 * One search over everything users look for (see electron/backend/search). Swedish-aware:
 * case folds, å/ä/ö stay letters of their own, a word of three letters or more is also found
 * inside compounds ("inbrott" → "bostadsinbrott"), shorter ones as prefixes, "quoted phrases"
 * as phrases, a dnr ("KS 2017/123") as a whole. Any string is a valid query: FTS syntax
 * characters are taken as text, never as operators.
 */

/** the kinds of record, in the order results are grouped */
export const SEARCH_KINDS = [
  'paragraph',
  'action',
  'agenda',
  'meeting',
  'correction',
  'version',
  'section',
  'priority',
  'person',
  'organisation',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** draft: not yet attested or signed; attested: a protocol or § attested; signed: an agreement version signed */
export const SEARCH_STATUSES = ['draft', 'attested', 'signed'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export const MAX_QUERY_LENGTH = 500;

export const searchInput = z
  .object({
    q: z.string({ message: 'required' }).max(MAX_QUERY_LENGTH, { message: 'too_long' }),
    kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
    bodyId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    status: z.enum(SEARCH_STATUSES).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'search.validation.period_reversed' });
  });
export type SearchInput = z.input<typeof searchInput>;

/** [start, end) offsets of a match in the string it belongs to */
const range = z.tuple([z.number().int(), z.number().int()]);

export const searchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  /** the record's own id (the §, the person, …) */
  id: z.number(),
  /** null only for a correction note, which has no title of its own */
  title: z.string().nullable(),
  titleHighlights: z.array(range),
  /** a piece of the record's text around the first match, or its beginning */
  snippet: z.string(),
  highlights: z.array(range),
  status: z.enum(SEARCH_STATUSES).nullable(),
  /** the meeting's date, or the version's period */
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  context: z.object({
    bodyName: z.string().nullable(),
    paragraphNumber: z.number().nullable(),
    versionTitle: z.string().nullable(),
    organisationName: z.string().nullable(),
  }),
  /** where the record is shown: a hash route of the app and, when the record is part of a page, the element to scroll to */
  open: z.object({ route: z.string(), anchor: z.string().nullable() }),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchResult = z.object({
  /** the query as understood; empty when it holds nothing to search for */
  query: z.string(),
  /** the matches counted; when `more` is set there are more than that (a search reads the newest few hundred matches, ranks them and stops) */
  total: z.number(),
  more: z.boolean(),
  /** matches per kind (with every filter but the kind filter applied), counted the same way */
  counts: z.record(z.enum(SEARCH_KINDS), z.number()),
  hits: z.array(searchHit),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchContract = {
  'search.query': method(searchInput, searchResult),
  /** rebuilds the index from the tables (it is kept in step on every write; this is for repair) */
  'search.reindex': method(z.object({}).default({}), z.object({ documents: z.number() })),
};
