import { useMemo, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { Input, Output } from '../../shared/contract';
import { useCall } from '../api/hooks';

/** rows a picker offers at once; typing narrows the list on the backend, so nothing is out of reach */
export const PICKER_CHOICES = 100;

/** the registers a picker chooses from: lists paged by name that take a `search` */
export type ChoiceMethod = 'people.list' | 'organisations.list' | 'bodies.list';
type Choice<M extends ChoiceMethod> = Output<M>['items'][number];
type ChoiceFilter<M extends ChoiceMethod> = Omit<NonNullable<Input<M>>, 'search' | 'limit' | 'after'>;

/**
 * What a picker offers from a register: a bounded page of `method`, narrowed on the backend by
 * what the user types in the picker (`onSearchChange`), within `filter`. Rows once shown stay
 * known, so a chosen one keeps its label while the search moves on.
 */
export function usePagedChoices<M extends ChoiceMethod>(
  method: M,
  filter: ChoiceFilter<M>,
  options: {
    skip?: boolean;
    chosen?: Array<number | null | undefined>;
    /** names the caller already knows for chosen rows (an edited record's), offered before any page has shown them */
    named?: ReadonlyArray<{ id: number; name: string }>;
    entities: readonly string[];
  },
) {
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue(search.trim(), 200);
  const known = useRef(new Map<number, Choice<M>>());
  const chosenKey = (options.chosen ?? []).join(' ');
  // a picker shows the chosen row's name in its search box: that is not a search
  const nameOf = (id: number) => known.current.get(id)?.name ?? options.named?.find((n) => n.id === id)?.name;
  const debounced = chosenKey.split(' ').some((id) => nameOf(Number(id)) === typed) ? '' : typed;
  const page = useCall(
    method,
    { ...filter, ...(debounced ? { search: debounced } : {}), limit: PICKER_CHOICES } as Input<M>,
    { skip: options.skip, entities: options.entities },
  );
  const items = useMemo(() => {
    const offered: Array<Choice<M>> = (page.data as Output<M> | undefined)?.items ?? [];
    for (const item of offered) known.current.set(item.id, item);
    const shown = new Set(offered.map((item) => item.id));
    const kept = chosenKey
      .split(' ')
      .map(Number)
      .filter((id) => id > 0 && !shown.has(id))
      .flatMap((id) => known.current.get(id) ?? []);
    return [...kept, ...offered];
  }, [page.data, chosenKey]);
  const named = options.named;
  const selectData = useMemo(() => {
    const shown = new Set(items.map((item) => item.id));
    const chosenIds = chosenKey.split(' ').map(Number);
    const missing = (named ?? []).filter((n) => chosenIds.includes(n.id) && !shown.has(n.id));
    return [...missing, ...items].map((item) => ({ value: String(item.id), label: item.name }));
  }, [items, named, chosenKey]);
  return {
    /** the page, and the chosen rows the search has moved past */
    items,
    /** the same as a Select's data, labelled by name, with the `named` chosen rows no page has shown */
    selectData,
    /** how many match, beyond the ones offered */
    total: page.data?.total,
    searching: debounced !== '',
    loaded: page.data !== undefined,
    onSearchChange: setSearch,
  };
}
