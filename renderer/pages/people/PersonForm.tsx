import { useState } from 'react';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import type { Person } from '../../../shared/contract/participants';
import { usePagedChoices } from '../../components/usePagedChoices';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';

export interface PersonDraft {
  id: number | null;
  name: string;
  title: string;
  organisationId: string | null;
  email: string;
  phone: string;
  activeFrom: string;
  activeTo: string;
}

export const blankPerson: PersonDraft = {
  id: null,
  name: '',
  title: '',
  organisationId: null,
  email: '',
  phone: '',
  activeFrom: '',
  activeTo: '',
};

export function draftOf(p: Person): PersonDraft {
  return {
    id: p.id,
    name: p.name,
    title: p.title ?? '',
    organisationId: p.organisationId === null ? null : String(p.organisationId),
    email: p.email ?? '',
    phone: p.phone ?? '',
    activeFrom: p.activeFrom ?? '',
    activeTo: p.activeTo ?? '',
  };
}

/** Create or edit a person; the backend's checks come back at each field and nothing is saved. */
export function PersonForm({ draft, onClose }: { draft: PersonDraft; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const organisations = usePagedChoices(
    'organisations.list',
    {},
    { chosen: [Number(value.organisationId)], entities: ['organisation'] },
  );
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<PersonDraft>) => setValue((v) => ({ ...v, ...patch }));

  const submit = async () => {
    const fields = {
      name: value.name,
      title: value.title,
      organisationId: value.organisationId ? Number(value.organisationId) : null,
      email: value.email,
      phone: value.phone,
      activeFrom: value.activeFrom.trim(),
      activeTo: value.activeTo.trim(),
    };
    const saved =
      value.id === null ? await run('people.create', fields) : await run('people.update', { id: value.id, fields });
    if (saved) onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={value.id === null ? t('people.new') : t('people.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <TextInput
        label={t('people.name')}
        value={value.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
        required
        data-autofocus
      />
      <TextInput
        label={t('people.personTitle')}
        value={value.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
      />
      <Select
        label={t('people.organisation')}
        data={organisations.selectData}
        onSearchChange={organisations.onSearchChange}
        value={value.organisationId}
        onChange={(organisationId) => set({ organisationId })}
        error={errors.organisationId}
        clearable
        searchable
      />
      <SimpleGrid cols={2}>
        <TextInput
          label={t('people.email')}
          type="email"
          autoComplete="off"
          value={value.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
          error={errors.email}
        />
        <TextInput
          label={t('people.phone')}
          type="tel"
          autoComplete="off"
          value={value.phone}
          onChange={(e) => set({ phone: e.currentTarget.value })}
          error={errors.phone}
        />
        <DateField
          label={t('people.activeFrom')}
          value={value.activeFrom}
          onChange={(activeFrom) => set({ activeFrom })}
          error={errors.activeFrom}
        />
        <DateField
          label={t('people.activeTo')}
          value={value.activeTo}
          onChange={(activeTo) => set({ activeTo })}
          error={errors.activeTo}
        />
      </SimpleGrid>
    </FormModal>
  );
}
