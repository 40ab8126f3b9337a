import { useEffect, useState, useSyncExternalStore } from 'react';

/** §§ drawn with their editors at once; the rest start as previews */
export const FIRST_EDITABLE = 1;

/**
 * Where the focus a preview had goes once its editors are drawn: the § itself was tabbed to →
 * its first field; its heading was focused (a search hit opened it) → the same heading.
 */
export type Landing = 'first-field' | 'heading';

/** One §'s editors: null while it is a preview; drawn, or drawn taking over its preview's focus (where to). */
export type EditorsOf = null | 'drawn' | Landing;

/**
 * Which §§ of the protocol tab have their editors: after the first, one more § per task from
 * the top, so the tab is usable at once and input is handled between two §§ while the rest
 * come in. A § the user reaches first (focus, pointer) is `want`ed and gets its editors at once;
 * `focus` names the § that takes over the focus its preview had, and where. Each § follows its
 * own entry (`useEditorsOf`), so bringing one § in draws that § alone, not the whole tab.
 */
export class ParagraphEditors {
  private order: readonly number[] = [];
  private readonly drawn = new Set<number>();
  private focus: { id: number; landing: Landing } | null = null;
  private readonly listeners = new Set<() => void>();
  private next: ReturnType<typeof setTimeout> | null = null;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  of(id: number): EditorsOf {
    if (!this.drawn.has(id)) return null;
    return this.focus?.id === id ? this.focus.landing : 'drawn';
  }

  /** the §§ in the order shown: the first keep their editors wherever they move, the rest come in from the top */
  follow(order: readonly number[]): void {
    this.order = order;
    for (const id of order.slice(0, FIRST_EDITABLE)) this.drawn.add(id);
    this.schedule();
  }

  want(id: number, landing: Landing | null): void {
    if (this.drawn.has(id) && !landing) return;
    this.drawn.add(id);
    if (landing) this.focus = { id, landing };
    this.changed();
  }

  stop(): void {
    if (this.next) clearTimeout(this.next);
    this.next = null;
  }

  private schedule(): void {
    if (this.next || this.order.every((id) => this.drawn.has(id))) return;
    this.next = setTimeout(() => {
      this.next = null;
      const id = this.order.find((each) => !this.drawn.has(each));
      if (id === undefined) return;
      this.drawn.add(id);
      this.changed();
      this.schedule();
    }, 0);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The protocol tab's editors, following the §§ in the order shown (`ids`). */
export function useParagraphEditors(ids: readonly number[]): ParagraphEditors {
  const [editors] = useState(() => new ParagraphEditors());
  const key = ids.join(' ');
  useEffect(() => editors.follow(key ? key.split(' ').map(Number) : []), [editors, key]);
  useEffect(() => () => editors.stop(), [editors]);
  return editors;
}

export function useEditorsOf(editors: ParagraphEditors, id: number): EditorsOf {
  return useSyncExternalStore(editors.subscribe, () => editors.of(id));
}
