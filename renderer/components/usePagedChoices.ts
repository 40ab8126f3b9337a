import { useMemo, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { Input, Output } from '../../shared/contract';
import { IDS_FILTER_MAX } from '../../shared/contract/participants';
import { useCall } from '../api/hooks';

/** rows a picker offers at once; typing narrows the list on the backend, so nothing is out of reach */
export const PICKER_CHOICES = 100;

/** the registers a picker chooses from: lists paged by name that take a `search` and an `ids` filter */
export type ChoiceMethod = 'people.list' | 'organisations.list' | 'bodies.list';
type Choice<M extends ChoiceMethod> = Output<M>['items'][number];
type ChoiceFilter<M extends ChoiceMethod> = Omit<NonNullable<Input<M>>, 'search' | 'limit' | 'after' | 'ids'>;

/**
 * What a picker offers from a register: a bounded page of `method`, narrowed on the backend by
 * what the user types in the picker (`onSearchChange`), within `filter`. The chosen rows always
 * have their names: those the page does not hold (an edited record's value far down the
 * register, or outside `filter`) are fetched by id, and rows once shown stay known, so a chosen
 * one keeps its label while the search moves on.
 */
export function usePagedChoices<M extends ChoiceMethod>(
  method: M,
  filter: ChoiceFilter<M>,
  options: { skip?: boolean; chosen?: Array<number | null | undefined>; entities: readonly string[] },
) {
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue(search.trim(), 200);
  const known = useRef(new Map<number, Choice<M>>());
  const remember = (rows: Array<Choice<M>> | undefined) => rows?.forEach((row) => known.current.set(row.id, row));
  const chosenKey = [...new Set(options.chosen ?? [])].filter((id): id is number => !!id && id > 0).join(' ');
  const chosenIds = useMemo(() => (chosenKey ? chosenKey.split(' ').map(Number) : []), [chosenKey]);
  // a picker shows the chosen row's name in its search box: that is not a search
  const debounced = chosenIds.some((id) => known.current.get(id)?.name === typed) ? '' : typed;
  const page = useCall(
    method,
    { ...filter, ...(debounced ? { search: debounced } : {}), limit: PICKER_CHOICES } as Input<M>,
    { skip: options.skip, entities: options.entities },
  );
  const pageData = page.data as Output<M> | undefined;
  remember(pageData?.items);
  // asked once the page is in, so only for what it lacks
  const unnamed = chosenIds.filter((id) => !known.current.has(id)).slice(0, IDS_FILTER_MAX);
  const byId = useCall(method, { ids: unnamed, limit: Math.max(1, unnamed.length) } as Input<M>, {
    skip: options.skip || pageData === undefined || unnamed.length === 0,
    entities: options.entities,
  });
  const fetched: Array<Choice<M>> | undefined = (byId.data as Output<M> | undefined)?.items;
  remember(fetched);
  const items = useMemo(() => {
    const offered: Array<Choice<M>> = pageData?.items ?? [];
    const shown = new Set(offered.map((item) => item.id));
    const kept: Array<Choice<M>> = chosenIds
      .filter((id) => !shown.has(id))
      .flatMap((id) => fetched?.find((row) => row.id === id) ?? known.current.get(id) ?? []);
    return [...kept, ...offered];
  }, [pageData, fetched, chosenIds]);
  const selectData = useMemo(() => items.map((item) => ({ value: String(item.id), label: item.name })), [items]);
  return {
    /** the page, and the chosen rows it does not hold */
    items,
    /** the same as a Select's data, labelled by name */
    selectData,
    /** how many match, beyond the ones offered */
    total: page.data?.total,
    searching: debounced !== '',
    loaded: page.data !== undefined,
    onSearchChange: setSearch,
  };
}
