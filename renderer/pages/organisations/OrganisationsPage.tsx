import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { ORGANISATION_KINDS, type Organisation } from '../../../shared/contract/participants';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { FormModal } from '../../components/FormModal';
import { EmptyState } from '../../components/EmptyState';
import { useFieldErrors } from '../../components/fieldErrors';
import { Pager, useKeysetPages } from '../../components/Pager';
import { usePagedChoices } from '../../components/usePagedChoices';

interface Draft {
  id: number | null;
  name: string;
  kind: string | null;
  shortName: string;
  parentId: string | null;
}

const blank: Draft = { id: null, name: '', kind: null, shortName: '', parentId: null };

/** rows on a page of the register */
const ORGANISATIONS_PAGE_SIZE = 50;

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
  const pages = useKeysetPages(JSON.stringify(filter));
  const list = useCall(
    'organisations.list',
    { ...filter, limit: ORGANISATIONS_PAGE_SIZE, after: pages.after },
    { entities: ['organisation'] },
  );
  const organisations = list.data?.items;
  const { run } = useAction();
  const [editing, setEditing] = useState<Draft | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('organisations.title')}</Title>
        <Button onClick={() => setEditing(blank)}>{t('organisations.new')}</Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('organisations.filters')}>
        <TextInput
          type="search"
          label={t('organisations.search')}
          placeholder={t('organisations.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        <Checkbox
          label={t('organisations.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {organisations && organisations.length === 0 && debouncedSearch && (
        <Text c="dimmed" role="status">
          {t('organisations.noMatch')}
        </Text>
      )}
      {organisations && organisations.length === 0 && !debouncedSearch && (
        <EmptyState
          title={t('organisations.emptyTitle')}
          action={<Anchor href="#/">{t('people.emptyExample')}</Anchor>}
        >
          {t('organisations.empty')}
        </EmptyState>
      )}
      {list.data && organisations && organisations.length > 0 && (
        <Pager
          label={t('organisations.title')}
          pageIndex={pages.pageIndex}
          pageSize={ORGANISATIONS_PAGE_SIZE}
          shown={organisations.length}
          total={list.data.total}
          nextCursor={list.data.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {organisations && organisations.length > 0 && (
        <Table striped highlightOnHover aria-label={t('organisations.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('organisations.name')}</Table.Th>
              <Table.Th>{t('organisations.kind')}</Table.Th>
              <Table.Th>{t('organisations.parent')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisations.map((o) => (
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
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <OrganisationForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
