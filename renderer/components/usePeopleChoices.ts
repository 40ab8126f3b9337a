import { usePagedChoices } from './usePagedChoices';

/**
 * The people a picker offers: a bounded page of `people.list` narrowed as the user types,
 * optionally within one organisation (see usePagedChoices).
 */
export function usePeopleChoices(
  options: { organisationId?: number | null; skip?: boolean; chosen?: Array<number | null | undefined> } = {},
) {
  const { items, ...rest } = usePagedChoices(
    'people.list',
    options.organisationId ? { organisationId: options.organisationId } : {},
    { skip: options.skip, chosen: options.chosen, entities: ['person', 'organisation'] },
  );
  return { people: items, ...rest };
}
