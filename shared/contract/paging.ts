import { z } from 'zod';

/**
 * Keyset paging for every list that grows with the years (actions, meetings, §§). A page is
 * asked for with `limit` (default and maximum per list) and `after`, the `next` cursor of the
 * page before; it answers with its items, the total that the filter matches, and the cursor of
 * the following page (null on the last one). The cursor is opaque to callers: the sort key of
 * the page's last row, as the backend wrote it.
 */
export const cursor = z
  .string({ message: 'invalid_cursor' })
  .max(400, { message: 'invalid_cursor' })
  .transform((text, ctx) => {
    try {
      const key: unknown = JSON.parse(text);
      if (
        Array.isArray(key) &&
        key.length > 0 &&
        key.length <= 6 &&
        key.every((v) => typeof v === 'number' || (typeof v === 'string' && v.length <= 100))
      )
        return key as Array<string | number>;
    } catch {
      // not JSON: reported below
    }
    ctx.addIssue({ code: 'custom', message: 'invalid_cursor' });
    return z.NEVER;
  });

/** `limit` and `after`, with the list's own default and maximum. */
export function pageRequest(defaultLimit: number, maxLimit: number) {
  return {
    limit: z
      .number({ message: 'invalid_limit' })
      .int({ message: 'invalid_limit' })
      .min(1, { message: 'invalid_limit' })
      .max(maxLimit, { message: 'invalid_limit' })
      .default(defaultLimit),
    after: cursor.nullish().transform((v) => v ?? null),
  };
}

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), next: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  total: number;
  next: string | null;
}

/** The lists that hold a handful of rows per organisation (people, bodies, …): one bounded answer, no paging. */
export const SMALL_LIST_MAX = 2000;
