import { useCallback, useEffect, useState } from 'react';

/** §§ drawn with their editors at once; the rest start as previews */
const FIRST_EDITABLE = 2;

/**
 * Where the focus a preview had goes once its editors are drawn: the § itself was tabbed to →
 * its first field; its heading was focused (a search hit opened it) → the same heading.
 */
export type Landing = 'first-field' | 'heading';

/**
 * Which §§ of the protocol tab have their editors: the first few at once, then one more § per
 * task from the top, so the tab is usable after the first §§ and input is handled between two
 * §§ while the rest come in. A § the user reaches first (focus, pointer) is `want`ed and gets
 * its editors at once; `focus` names the § that takes over the focus its preview had, and where.
 */
export function useEditableParagraphs(total: number) {
  const [count, setCount] = useState(FIRST_EDITABLE);
  const [wanted, setWanted] = useState<ReadonlySet<number>>(new Set());
  const [focus, setFocus] = useState<{ id: number; landing: Landing } | null>(null);
  useEffect(() => {
    if (count >= total) return;
    const next = setTimeout(() => setCount((c) => c + 1), 0);
    return () => clearTimeout(next);
  }, [count, total]);
  const want = useCallback((id: number, landing: Landing | null) => {
    setWanted((before) => (before.has(id) ? before : new Set(before).add(id)));
    if (landing) setFocus({ id, landing });
  }, []);
  return { count, wanted, want, focus };
}
