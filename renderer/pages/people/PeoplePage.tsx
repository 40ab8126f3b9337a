import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { RecordHistory } from '../../components/RecordHistory';
import { EmptyState } from '../../components/EmptyState';
import { Pager, useKeysetPages } from '../../components/Pager';
import { usePagedChoices } from '../../components/usePagedChoices';
import { formatPeriod } from '../../components/period';
import { blankPerson, draftOf, PersonForm, type PersonDraft } from './PersonForm';
import { PersonCertificates } from './PersonCertificates';

/** rows on a page of the register: a screenful or two, whatever the number of people */
const PEOPLE_PAGE_SIZE = 50;

export function PeoplePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const organisations = usePagedChoices(
    'organisations.list',
    {},
    {
      chosen: [Number(organisationId)],
      entities: ['organisation'],
    },
  );
  const filter = {
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(organisationId ? { organisationId: Number(organisationId) } : {}),
  };
  const pages = useKeysetPages(JSON.stringify(filter));
  const list = useCall('people.list', { ...filter, limit: PEOPLE_PAGE_SIZE, after: pages.after });
  const people = list.data?.items;
  const [editing, setEditing] = useState<PersonDraft | null>(null);
  const [certificatesOf, setCertificatesOf] = useState<{ id: number; name: string } | null>(null);
  const filtering = Boolean(debouncedSearch || organisationId);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('people.title')}</Title>
        <Button onClick={() => setEditing(blankPerson)}>{t('people.new')}</Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('people.filters')}>
        <TextInput
          type="search"
          label={t('people.search')}
          placeholder={t('people.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('people.filterOrganisation')}
          placeholder={t('people.allOrganisations')}
          data={organisations.selectData}
          onSearchChange={organisations.onSearchChange}
          value={organisationId}
          onChange={setOrganisationId}
          clearable
          searchable
          w={320}
        />
      </Group>
      {people && people.length === 0 && !filtering && (
        <EmptyState title={t('people.emptyTitle')} action={<Anchor href="#/">{t('people.emptyExample')}</Anchor>}>
          {t('people.empty')}
        </EmptyState>
      )}
      {people && people.length === 0 && filtering && (
        <Text c="dimmed" role="status">
          {t('people.noMatch')}
        </Text>
      )}
      {list.data && people && people.length > 0 && (
        <Pager
          label={t('people.title')}
          pageIndex={pages.pageIndex}
          pageSize={PEOPLE_PAGE_SIZE}
          shown={people.length}
          total={list.data.total}
          nextCursor={list.data.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {people && people.length > 0 && (
        <Table striped highlightOnHover aria-label={t('people.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.personTitle')}</Table.Th>
              <Table.Th>{t('people.organisation')}</Table.Th>
              <Table.Th>{t('people.contact')}</Table.Th>
              <Table.Th>{t('people.active')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.title ?? ''}</Table.Td>
                <Table.Td>{p.organisationName ?? ''}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {p.email && (
                      <Anchor href={`mailto:${p.email}`} size="sm">
                        {p.email}
                      </Anchor>
                    )}
                    {p.phone && <Text size="sm">{p.phone}</Text>}
                  </Stack>
                </Table.Td>
                <Table.Td>{formatPeriod(t, p.activeFrom, p.activeTo)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('people.editNamed', { name: p.name })}
                      onClick={() => setEditing(draftOf(p))}
                    >
                      {t('actions.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('people.certificates.buttonNamed', { name: p.name })}
                      onClick={() => setCertificatesOf({ id: p.id, name: p.name })}
                    >
                      {t('people.certificates.button')}
                    </Button>
                    <RecordHistory entity="person" entityId={p.id} label={p.name} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {certificatesOf && <PersonCertificates person={certificatesOf} onClose={() => setCertificatesOf(null)} />}
      {editing && <PersonForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
