import type { Db } from './db/open';
import type { Page } from '../../shared/contract/paging';
import { fieldError } from '../../shared/errors';

/**
 * One keyset-paged query: the rows after the cursor in the order of `key`, at most `limit`,
 * and the number of rows the filter matches. `key` is the sort order as SQL expressions, all
 * in one direction and unique together (end it with the id), so every row comes exactly once
 * and the order is the same on every page.
 */
export interface KeysetQuery {
  /** the select list, without SELECT */
  select: string;
  /** FROM and JOINs for the rows */
  from: string;
  /** FROM and JOINs the filter needs for counting (no more joins than the `where` uses) */
  countFrom: string;
  where: string[];
  params: Record<string, unknown>;
  key: string[];
  direction: 'asc' | 'desc';
  limit: number;
  after: Array<string | number> | null;
  /** the number of rows the filter matches, when something cheaper than counting them knows it (counters kept by triggers) */
  total?: () => number;
}

export function keysetPage<R>(db: Db, q: KeysetQuery): Page<R> {
  if (q.after && q.after.length !== q.key.length)
    throw fieldError('after', 'invalid_cursor', 'The cursor does not belong to this list');
  const filter = q.where.length ? `WHERE ${q.where.join(' AND ')}` : '';
  const params: Record<string, unknown> = { ...q.params, pageLimit: q.limit + 1 };
  const where = [...q.where];
  if (q.after) {
    const marks = q.after.map((value, i) => ((params[`after${i}`] = value), `@after${i}`));
    where.push(`(${q.key.join(', ')}) ${q.direction === 'asc' ? '>' : '<'} (${marks.join(', ')})`);
  }
  const order = q.key.map((k) => `${k} ${q.direction.toUpperCase()}`).join(', ');
  const keyColumns = q.key.map((k, i) => `${k} AS page_key_${i}`).join(', ');
  const rows = db
    .prepare(
      `SELECT ${q.select}, ${keyColumns} FROM ${q.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @pageLimit`,
    )
    .all(params) as Array<R & Record<string, string | number>>;
  const total = q.total
    ? q.total()
    : (db.prepare(`SELECT count(*) FROM ${q.countFrom} ${filter}`).pluck().get(q.params) as number);
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  const last = items[items.length - 1];
  return {
    items,
    total,
    next: more && last ? JSON.stringify(q.key.map((_, i) => last[`page_key_${i}`])) : null,
  };
}

/** A page whose rows are turned into the contract's items. */
export function mapPage<R, T>(page: Page<R>, map: (row: R) => T): Page<T> {
  return { ...page, items: page.items.map(map) };
}
