import { flag, UsageError, type Command } from '../command';
import { call } from '../call';
import { formatTable } from '../table';
import {
  SEARCH_KINDS,
  SEARCH_STATUSES,
  type SearchHit,
  type SearchKind,
  type SearchResult,
  type SearchStatus,
} from '../../../../shared/contract/search';

/** bodies an unknown --body names as the ones there are; the rest are counted */
const NAMED_BODIES = 20;

/** How a hit reads in a terminal: where it is ("Chefssamrådet 2017-03-14 § 12") next to its title. */
function whereOf(hit: SearchHit): string {
  const c = hit.context;
  const date =
    hit.dateFrom && hit.dateTo && hit.dateFrom !== hit.dateTo ? `${hit.dateFrom} – ${hit.dateTo}` : hit.dateFrom;
  const parts = [
    c.bodyName,
    c.versionTitle,
    date,
    c.paragraphNumber !== null ? `§ ${c.paragraphNumber}` : null,
    c.organisationName,
  ];
  return parts.filter(Boolean).join(' ');
}

/** The JSON a script gets: one object per hit, keys in a fixed order. */
function forScripts(result: SearchResult) {
  return {
    query: result.query,
    total: result.total,
    counts: result.counts,
    hits: result.hits.map((h) => ({
      kind: h.kind,
      id: h.id,
      title: h.title,
      snippet: h.snippet,
      status: h.status,
      date: h.dateFrom,
      where: whereOf(h),
      open: h.open,
    })),
  };
}

export const searchCommand: Command = {
  usage: `samrad search QUERY [--kind ${SEARCH_KINDS.join('|')}[,…]] [--body NAME] [--from DATE] [--to DATE] [--status ${SEARCH_STATUSES.join('|')}] [--limit N] [--json] [--db FILE]`,
  summary:
    'find §§, decisions, actions, agenda items, meetings, agreement text, people and organisations; --json prints stable JSON for scripts',
  flags: ['kind', 'body', 'from', 'to', 'status', 'limit', 'json'],
  async run(ctx) {
    const q = ctx.args.join(' ').trim();
    if (!q) throw new UsageError('search for what? give a QUERY');
    const kinds = flag(ctx, 'kind')
      ?.split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const unknown = kinds?.filter((k) => !(SEARCH_KINDS as readonly string[]).includes(k));
    if (unknown && unknown.length > 0)
      throw new UsageError(`--kind must be one of ${SEARCH_KINDS.join(', ')} (not ${unknown.join(', ')})`);
    const status = flag(ctx, 'status');
    if (status !== undefined && !(SEARCH_STATUSES as readonly string[]).includes(status))
      throw new UsageError(`--status must be one of ${SEARCH_STATUSES.join(', ')}`);
    const limitText = flag(ctx, 'limit');
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new UsageError('--limit must be a whole number from 1 to 100');
    const bodyName = flag(ctx, 'body');

    const backend = await ctx.openBackend();
    try {
      let bodyId: number | undefined;
      if (bodyName !== undefined) {
        const body = bodyName.trim() ? await call(backend, 'bodies.findByName', { name: bodyName }) : null;
        if (!body) {
          const bodies = await call(backend, 'bodies.list', { includeArchived: true, limit: NAMED_BODIES });
          const more = bodies.total - bodies.items.length;
          const names = bodies.items.map((b) => b.name).join(', ') || '(none)';
          throw new UsageError(
            `no body is named "${bodyName}"; there are: ${names}${more > 0 ? ` and ${more} more (samrad list bodies)` : ''}`,
          );
        }
        bodyId = body.id;
      }
      const result = await call(backend, 'search.query', {
        q,
        ...(kinds && kinds.length > 0 ? { kinds: kinds as SearchKind[] } : {}),
        ...(bodyId !== undefined ? { bodyId } : {}),
        ...(flag(ctx, 'from') !== undefined ? { from: flag(ctx, 'from') } : {}),
        ...(flag(ctx, 'to') !== undefined ? { to: flag(ctx, 'to') } : {}),
        ...(status !== undefined ? { status: status as SearchStatus } : {}),
        limit,
      });
      if (ctx.flags.json) {
        ctx.io.out(JSON.stringify(forScripts(result), null, 2));
        return 0;
      }
      if (result.hits.length === 0) {
        ctx.io.out(result.query ? `Nothing found for "${result.query}".` : 'Nothing to search for.');
        return 0;
      }
      const rows = result.hits.map((h) => [
        h.kind,
        h.id,
        whereOf(h),
        h.title ?? '',
        h.snippet.length > 70 ? `${h.snippet.slice(0, 69)}…` : h.snippet,
      ]);
      for (const line of formatTable(['kind', 'id', 'where', 'title', 'text'], rows)) ctx.io.out(line);
      ctx.io.out(`${result.hits.length} of ${result.total} shown for "${result.query}".`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const reindexCommand: Command = {
  usage: 'samrad reindex [--db FILE]',
  summary:
    'rebuild the search index from the tables (it is kept in step on every write; this repairs one that "samrad check" finds out of step)',
  flags: [],
  async run(ctx) {
    const backend = await ctx.openBackend();
    try {
      const started = Date.now();
      const { documents } = await call(backend, 'search.reindex', {});
      ctx.io.out(`Search index rebuilt: ${documents} records in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
