/**
 * Returns a new array with the element at `from` moved to `to` (both clamped to the list).
 * The one reordering rule shared by drag-and-drop and the "move up/down" buttons, so both
 * paths produce the same order.
 */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = list.slice();
  if (from < 0 || from >= list.length) return next;
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (target === from) return next;
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved);
  return next;
}
