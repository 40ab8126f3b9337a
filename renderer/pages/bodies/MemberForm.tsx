import { useState } from 'react';
import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { MEMBER_ROLES, type Member } from '../../../shared/contract/participants';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';
import { usePeopleChoices } from '../../components/usePeopleChoices';

export interface MemberDraft {
  id: number | null;
  personId: string | null;
  role: string | null;
  from: string;
  to: string;
  substituteForId: string | null;
}

export const blankMember: MemberDraft = {
  id: null,
  personId: null,
  role: null,
  from: '',
  to: '',
  substituteForId: null,
};

export const memberDraftOf = (m: Member): MemberDraft => ({
  id: m.id,
  personId: String(m.personId),
  role: m.role,
  from: m.from,
  to: m.to ?? '',
  substituteForId: m.substituteForId === null ? null : String(m.substituteForId),
});

/**
 * Adds or edits one membership. Only an ersättare names whom they stand in for; the
 * backend refuses the same person in the same role over an overlapping period.
 */
export function MemberForm({
  bodyId,
  draft,
  members,
  onClose,
}: {
  bodyId: number;
  draft: MemberDraft;
  members: Member[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, setFieldErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<MemberDraft>) => setValue((v) => ({ ...v, ...patch }));
  const people = usePeopleChoices({ chosen: [Number(value.personId)] });
  const substitutes = usePeopleChoices({ chosen: [Number(value.substituteForId)], skip: value.role !== 'ersattare' });
  // the body's members are offered whatever page of people is shown (whom a substitute stands in for)
  const withMembers = (offered: Array<{ value: string; label: string }>) => {
    const shown = new Set(offered.map((o) => o.value));
    const more = new Map<string, string>();
    for (const m of members) if (!shown.has(String(m.personId))) more.set(String(m.personId), m.personName);
    return [...offered, ...[...more].map(([id, label]) => ({ value: id, label }))];
  };
  const personOptions = withMembers(
    people.people.map((p) => ({ value: String(p.id), label: p.title ? `${p.name} (${p.title})` : p.name })),
  );
  // whom a substitute can stand in for: the body's other members first, then anyone else
  const memberIds = new Set(members.filter((m) => m.role !== 'ersattare').map((m) => String(m.personId)));
  const substituteOptions = withMembers(substitutes.people.map((p) => ({ value: String(p.id), label: p.name })))
    .filter((o) => o.value !== value.personId)
    .sort((a, b) => Number(memberIds.has(b.value)) - Number(memberIds.has(a.value)));

  const submit = async () => {
    const fields = {
      bodyId,
      personId: value.personId ? Number(value.personId) : 0,
      role: (value.role ?? '') as Member['role'],
      from: value.from.trim(),
      to: value.to.trim(),
      substituteForId: value.role === 'ersattare' && value.substituteForId ? Number(value.substituteForId) : null,
    };
    const saved =
      value.id === null
        ? await run('bodies.addMember', fields)
        : await run('bodies.updateMember', { id: value.id, fields });
    if (saved) onClose();
    // no person chosen reaches the backend as an unknown id; say what the user must do instead
    else if (!value.personId) setFieldErrors((prev) => ({ ...prev, personId: t('validation.required') }));
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={value.id === null ? t('bodies.members.new') : t('bodies.members.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <Select
        label={t('bodies.members.person')}
        data={personOptions}
        value={value.personId}
        onChange={(personId) => set({ personId })}
        onSearchChange={people.onSearchChange}
        error={errors.personId}
        required
        searchable
        openOnFocus={false}
        data-autofocus
      />
      <Select
        label={t('bodies.members.role')}
        data={MEMBER_ROLES.map((r) => ({ value: r, label: t(`bodies.members.roles.${r}`) }))}
        value={value.role}
        onChange={(role) => set({ role, substituteForId: role === 'ersattare' ? value.substituteForId : null })}
        error={errors.role}
        required
      />
      {value.role === 'ersattare' && (
        <Select
          label={t('bodies.members.substituteFor')}
          data={substituteOptions}
          value={value.substituteForId}
          onChange={(substituteForId) => set({ substituteForId })}
          onSearchChange={substitutes.onSearchChange}
          error={errors.substituteForId}
          clearable
          searchable
        />
      )}
      <SimpleGrid cols={2}>
        <DateField
          label={t('bodies.members.from')}
          value={value.from}
          onChange={(from) => set({ from })}
          error={errors.from}
          required
        />
        <DateField label={t('bodies.members.to')} value={value.to} onChange={(to) => set({ to })} error={errors.to} />
      </SimpleGrid>
    </FormModal>
  );
}
