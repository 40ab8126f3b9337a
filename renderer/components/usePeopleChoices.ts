import { useMemo, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { Person } from '../../shared/contract/participants';
import { useCall } from '../api/hooks';

/** people a picker offers at once; typing narrows the list on the backend, so nobody is out of reach */
export const PICKER_PEOPLE = 100;

/**
 * The people a picker offers: a bounded page of `people.list`, narrowed on the backend by what
 * the user types in the picker (`onSearchChange`), optionally within one organisation. People
 * once shown stay known, so a chosen person keeps their label while the search moves on.
 */
export function usePeopleChoices(
  options: { organisationId?: number | null; skip?: boolean; chosen?: Array<number | null | undefined> } = {},
) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const page = useCall(
    'people.list',
    {
      ...(debounced ? { search: debounced } : {}),
      ...(options.organisationId ? { organisationId: options.organisationId } : {}),
      limit: PICKER_PEOPLE,
    },
    { skip: options.skip, entities: ['person', 'organisation'] },
  );
  const known = useRef(new Map<number, Person>());
  const chosenKey = (options.chosen ?? []).join(' ');
  const people = useMemo(() => {
    const items = page.data?.items ?? [];
    for (const p of items) known.current.set(p.id, p);
    const shown = new Set(items.map((p) => p.id));
    const kept = chosenKey
      .split(' ')
      .map(Number)
      .filter((id) => id > 0 && !shown.has(id))
      .flatMap((id) => known.current.get(id) ?? []);
    return [...kept, ...items];
  }, [page.data, chosenKey]);
  return {
    /** the page, and the chosen people the search has moved past */
    people,
    /** how many match, beyond the ones offered */
    total: page.data?.total,
    searching: debounced !== '',
    loaded: page.data !== undefined,
    onSearchChange: setSearch,
  };
}
