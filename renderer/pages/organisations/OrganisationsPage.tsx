import { useState } from 'react';
import { Badge, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { ORGANISATION_KINDS, type Organisation } from '../../../shared/contract/participants';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { FormModal } from '../../components/FormModal';
import { useFieldErrors } from '../../components/fieldErrors';
import { PagedRegisterTable, usePagedRegister } from '../../components/PagedRegister';
import { RegisterHeader } from '../../components/RegisterHeader';
import { usePagedChoices } from '../../components/usePagedChoices';

interface Draft {
  id: number | null;
  name: string;
  kind: string | null;
  shortName: string;
  parentId: string | null;
}

const blank: Draft = { id: null, name: '', kind: null, shortName: '', parentId: null };

function OrganisationForm({ draft, onClose }: { draft: Draft; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors: rawErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const parents = usePagedChoices(
    'organisations.list',
    {},
    { chosen: [Number(value.parentId)], entities: ['organisation'] },
  );
  const fieldErrors = useFieldErrors(rawErrors, value);
  const set = (patch: Partial<Draft>) => setValue((v) => ({ ...v, ...patch }));

  const submit = async () => {
    const fields = {
      name: value.name,
      kind: (value.kind ?? '') as Organisation['kind'],
      shortName: value.shortName,
      parentId: value.parentId ? Number(value.parentId) : null,
    };
    const saved =
      value.id === null
        ? await run('organisations.create', fields)
        : await run('organisations.update', { id: value.id, fields });
    if (saved) onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      title={value.id === null ? t('organisations.new') : t('organisations.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <TextInput
        label={t('organisations.name')}
        value={value.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={fieldErrors.name}
        required
        data-autofocus
      />
      <Select
        label={t('organisations.kind')}
        data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        error={fieldErrors.kind}
        required
      />
      <TextInput
        label={t('organisations.shortName')}
        value={value.shortName}
        onChange={(e) => set({ shortName: e.currentTarget.value })}
        error={fieldErrors.shortName}
      />
      <Select
        label={t('organisations.parent')}
        data={parents.selectData.filter((o) => o.value !== String(value.id))}
        onSearchChange={parents.onSearchChange}
        value={value.parentId}
        onChange={(parentId) => set({ parentId })}
        error={fieldErrors.parentId}
        clearable
        searchable
      />
    </FormModal>
  );
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const filter = { includeArchived: showArchived, ...(debouncedSearch ? { search: debouncedSearch } : {}) };
  const register = usePagedRegister('organisations.list', filter, { entities: ['organisation'] });
  const { run } = useAction();
  const [editing, setEditing] = useState<Draft | null>(null);

  return (
    <Stack>
      <RegisterHeader
        texts="organisations"
        onNew={() => setEditing(blank)}
        search={search}
        onSearchChange={setSearch}
        showArchived={{ checked: showArchived, onChange: setShowArchived }}
      />
      <PagedRegisterTable
        register={register}
        texts="organisations"
        filtering={Boolean(debouncedSearch)}
        columns={[t('organisations.name'), t('organisations.kind'), t('organisations.parent'), t('actions.title')]}
        row={(o) => (
          <Table.Tr key={o.id}>
            <Table.Td>
              {o.name} {o.archived && <Badge color="gray">{t('organisations.archived')}</Badge>}
            </Table.Td>
            <Table.Td>{t(`organisations.kinds.${o.kind}`)}</Table.Td>
            <Table.Td>{o.parentName ?? ''}</Table.Td>
            <Table.Td>
              <RegisterRowActions
                texts="organisations"
                name={o.name}
                archived={o.archived}
                history={{ entity: 'organisation', entityId: o.id }}
                onEdit={() =>
                  setEditing({
                    id: o.id,
                    name: o.name,
                    kind: o.kind,
                    shortName: o.shortName ?? '',
                    parentId: o.parentId ? String(o.parentId) : null,
                  })
                }
                onArchive={(archived) => run('organisations.archive', { id: o.id, archived })}
              />
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing && <OrganisationForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
