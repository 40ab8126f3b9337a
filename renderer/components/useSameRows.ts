import { useState } from 'react';

/**
 * A list that came again (a page asked for anew after a change) keeps the very objects of the
 * rows that did not change, so memoized rows are not drawn again: after ticking one action, only
 * the rows that moved in or out are.
 */
export function useSameRows<T extends { id: number }>(rows: T[]): T[] {
  const [kept, setKept] = useState({ source: rows, shown: rows });
  if (kept.source === rows) return kept.shown;
  const before = new Map(kept.shown.map((row) => [row.id, row]));
  const shown = rows.map((row) => {
    const old = before.get(row.id);
    return old && JSON.stringify(old) === JSON.stringify(row) ? old : row;
  });
  setKept({ source: rows, shown });
  return shown;
}
