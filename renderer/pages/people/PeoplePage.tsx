import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { RecordHistory } from '../../components/RecordHistory';
import { PagedRegisterTable, usePagedRegister } from '../../components/PagedRegister';
import { RegisterHeader } from '../../components/RegisterHeader';
import { usePagedChoices } from '../../components/usePagedChoices';
import { formatPeriod } from '../../components/period';
import { blankPerson, draftOf, PersonForm, type PersonDraft } from './PersonForm';
import { PersonCertificates } from './PersonCertificates';

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
  const register = usePagedRegister('people.list', filter);
  const [editing, setEditing] = useState<PersonDraft | null>(null);
  const [certificatesOf, setCertificatesOf] = useState<{ id: number; name: string } | null>(null);
  const filtering = Boolean(debouncedSearch || organisationId);

  return (
    <Stack>
      <RegisterHeader texts="people" onNew={() => setEditing(blankPerson)} search={search} onSearchChange={setSearch}>
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
      </RegisterHeader>
      <PagedRegisterTable
        register={register}
        texts="people"
        filtering={filtering}
        columns={[
          t('people.name'),
          t('people.personTitle'),
          t('people.organisation'),
          t('people.contact'),
          t('people.active'),
          t('actions.title'),
        ]}
        row={(p) => (
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
        )}
      />
      {certificatesOf && <PersonCertificates person={certificatesOf} onClose={() => setCertificatesOf(null)} />}
      {editing && <PersonForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
