import { useCallback, useEffect, useState } from 'react';

/** §§ drawn with their editors at once; the rest start as previews */
const FIRST_EDITABLE = 2;

/**
 * Which §§ of the protocol tab have their editors: the first few at once, then one more § per
 * task from the top, so the tab is usable after the first §§ and input is handled between two
 * §§ while the rest come in. A § the user reaches first (focus, pointer) is `want`ed and gets
 * its editors at once; `focus` names the § whose first field takes the focus its preview had.
 */
export function useEditableParagraphs(total: number) {
  const [count, setCount] = useState(FIRST_EDITABLE);
  const [wanted, setWanted] = useState<ReadonlySet<number>>(new Set());
  const [focus, setFocus] = useState<number | null>(null);
  useEffect(() => {
    if (count >= total) return;
    const next = setTimeout(() => setCount((c) => c + 1), 0);
    return () => clearTimeout(next);
  }, [count, total]);
  const want = useCallback((id: number, focused: boolean) => {
    setWanted((before) => (before.has(id) ? before : new Set(before).add(id)));
    if (focused) setFocus(id);
  }, []);
  return { count, wanted, want, focus };
}
