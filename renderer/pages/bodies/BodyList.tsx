import { useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { EmptyState } from '../../components/EmptyState';
import { PagedRegisterTable, usePagedRegister } from '../../components/PagedRegister';
import { RegisterFilters } from '../../components/RegisterFilters';
import { blankBody, BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';

export function BodyList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const filter = { includeArchived: showArchived, ...(debouncedSearch ? { search: debouncedSearch } : {}) };
  const register = usePagedRegister('bodies.list', filter, { entities: ['body'] });
  const bodies = register.rows;
  const { run } = useAction();
  const [editing, setEditing] = useState<BodyDraft | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('bodies.title')}</Title>
        <Button onClick={() => setEditing(blankBody)}>{t('bodies.new')}</Button>
      </Group>
      <RegisterFilters
        texts="bodies"
        search={search}
        onSearchChange={setSearch}
        showArchived={{ checked: showArchived, onChange: setShowArchived }}
      />
      {bodies && bodies.length === 0 && debouncedSearch && (
        <Text c="dimmed" role="status">
          {t('bodies.noMatch')}
        </Text>
      )}
      {bodies && bodies.length === 0 && !debouncedSearch && (
        <EmptyState title={t('bodies.emptyTitle')} action={<Anchor href="#/">{t('people.emptyExample')}</Anchor>}>
          {t('bodies.empty')}
        </EmptyState>
      )}
      <PagedRegisterTable
        register={register}
        label={t('bodies.title')}
        columns={[t('bodies.name'), t('bodies.kind'), t('bodies.memberCount'), t('actions.title')]}
        row={(b) => (
          <Table.Tr key={b.id}>
            <Table.Td>
              <Anchor href={`#/bodies/${b.id}`}>{b.name}</Anchor>{' '}
              {b.archived && <Badge color="gray">{t('bodies.archived')}</Badge>}
            </Table.Td>
            <Table.Td>{t(`bodies.kinds.${b.kind}`)}</Table.Td>
            <Table.Td>{b.memberCount}</Table.Td>
            <Table.Td>
              <RegisterRowActions
                texts="bodies"
                name={b.name}
                archived={b.archived}
                history={{ entity: 'body', entityId: b.id }}
                onEdit={() => setEditing(bodyDraftOf(b))}
                onArchive={(archived) => run('bodies.archive', { id: b.id, archived })}
              />
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing && <BodyForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
