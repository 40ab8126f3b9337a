import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { usePeopleChoices } from '../../components/usePeopleChoices';
import { usePagedChoices } from '../../components/usePagedChoices';

export interface OptionGroup {
  group: string;
  items: Array<{ value: string; label: string }>;
}

/**
 * People to choose as chair, secretary, justerare or attendee, for one picker: the body's
 * members on the date first (with their role), then others by name — a bounded page that
 * `onSearchChange` narrows on the backend as the user types, so anyone in the register can be
 * found. A person appears once. `chosen` are the picker's current people, named whether or not
 * the page holds them.
 */
export function usePeopleOptions(
  bodyId: number,
  date: string | null,
  chosen: Array<number | null> = [],
): { groups: OptionGroup[]; onSearchChange(search: string): void } {
  const { t } = useTranslation();
  const validDate = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const members = useCall('bodies.members', { bodyId, on: validDate });
  const { people, onSearchChange } = usePeopleChoices({ chosen });
  const groups = useMemo(() => {
    const memberItems = new Map<string, string>();
    for (const m of members.data ?? []) {
      const key = String(m.personId);
      const role = t(`meetings.roles.${m.role}`);
      memberItems.set(key, memberItems.has(key) ? `${memberItems.get(key)}, ${role}` : `${m.personName} (${role})`);
    }
    const others = people
      .filter((p) => !memberItems.has(String(p.id)))
      .map((p) => ({ value: String(p.id), label: p.organisationName ? `${p.name}, ${p.organisationName}` : p.name }));
    const groups: OptionGroup[] = [];
    if (memberItems.size > 0)
      groups.push({
        group: t('meetings.form.membersGroup'),
        items: [...memberItems].map(([value, label]) => ({ value, label })),
      });
    if (others.length > 0) groups.push({ group: t('meetings.form.othersGroup'), items: others });
    return groups;
  }, [members.data, people, t]);
  return { groups, onSearchChange };
}

/** Owners of an action item: people and organisations (each a bounded page, both narrowed by `onSearchChange`) in one list, told apart by a prefix; `skip`: not asked for yet. */
export function useOwnerOptions(
  chosen: string | null = null,
  options: { skip?: boolean } = {},
): {
  groups: OptionGroup[];
  onSearchChange(search: string): void;
} {
  const { t } = useTranslation();
  const owner = ownerFromOption(chosen);
  const { people, onSearchChange: searchPeople } = usePeopleChoices({
    chosen: [owner.ownerPersonId],
    skip: options.skip,
  });
  const organisations = usePagedChoices(
    'organisations.list',
    {},
    {
      skip: options.skip,
      chosen: [owner.ownerOrganisationId],
      entities: ['organisation'],
    },
  );
  const searchOrganisations = organisations.onSearchChange;
  const onSearchChange = useCallback(
    (search: string) => {
      searchPeople(search);
      searchOrganisations(search);
    },
    [searchPeople, searchOrganisations],
  );
  const groups = useMemo(
    () =>
      [
        {
          group: t('meetings.actions.ownerPeople'),
          items: people.map((p) => ({ value: `p:${p.id}`, label: p.name })),
        },
        {
          group: t('meetings.actions.ownerOrganisations'),
          items: organisations.items.map((o) => ({ value: `o:${o.id}`, label: o.name })),
        },
      ].filter((g) => g.items.length > 0),
    [people, organisations.items, t],
  );
  return { groups, onSearchChange };
}

/** `p:12` → person 12, `o:3` → organisation 3 (see useOwnerOptions). */
export function ownerFromOption(value: string | null): {
  ownerPersonId: number | null;
  ownerOrganisationId: number | null;
} {
  const match = /^([po]):(\d+)$/.exec(value ?? '');
  if (!match) return { ownerPersonId: null, ownerOrganisationId: null };
  const id = Number(match[2]);
  return match[1] === 'p'
    ? { ownerPersonId: id, ownerOrganisationId: null }
    : { ownerPersonId: null, ownerOrganisationId: id };
}

export function optionOfOwner(owner: {
  ownerPersonId: number | null;
  ownerOrganisationId: number | null;
}): string | null {
  if (owner.ownerPersonId) return `p:${owner.ownerPersonId}`;
  if (owner.ownerOrganisationId) return `o:${owner.ownerOrganisationId}`;
  return null;
}

/** Priority areas an item, § or action can link to. */
export function usePriorityOptions(on: string | null) {
  // priority areas belong to agreement versions, named by their agreement
  const priorities = useCall('meetings.priorities', { on }, { entities: ['agreement', 'agreement_version'] });
  return useMemo(() => (priorities.data ?? []).map((p) => ({ value: String(p.id), label: p.name })), [priorities.data]);
}
