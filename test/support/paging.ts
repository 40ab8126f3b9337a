import { expect } from 'vitest';
import type { Page } from '../../shared/contract/paging';

/** Follows a keyset-paged list to its end: every row in the order given, and each page's total. */
export async function everyPage<T>(
  fetch: (after: string | null) => Promise<Page<T>>,
  limit: number,
): Promise<{ rows: T[]; totals: number[] }> {
  const rows: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await fetch(after);
    totals.push(page.total);
    rows.push(...page.items);
    if (page.next === null) break;
    expect(page.items).toHaveLength(limit);
    after = page.next;
  }
  return { rows, totals };
}
