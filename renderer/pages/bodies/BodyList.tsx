import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { EmptyState } from '../../components/EmptyState';
import { Pager, useKeysetPages } from '../../components/Pager';
import { blankBody, BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';

/** rows on a page of the register */
const BODIES_PAGE_SIZE = 50;

export function BodyList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const filter = { includeArchived: showArchived, ...(debouncedSearch ? { search: debouncedSearch } : {}) };
  const pages = useKeysetPages(JSON.stringify(filter));
  const list = useCall(
    'bodies.list',
    { ...filter, limit: BODIES_PAGE_SIZE, after: pages.after },
    { entities: ['body'] },
  );
  const bodies = list.data?.items;
  const { run } = useAction();
  const [editing, setEditing] = useState<BodyDraft | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('bodies.title')}</Title>
        <Button onClick={() => setEditing(blankBody)}>{t('bodies.new')}</Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('bodies.filters')}>
        <TextInput
          type="search"
          label={t('bodies.search')}
          placeholder={t('bodies.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        <Checkbox
          label={t('bodies.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
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
      {list.data && bodies && bodies.length > 0 && (
        <Pager
          label={t('bodies.title')}
          pageIndex={pages.pageIndex}
          pageSize={BODIES_PAGE_SIZE}
          shown={bodies.length}
          total={list.data.total}
          nextCursor={list.data.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {bodies && bodies.length > 0 && (
        <Table striped highlightOnHover aria-label={t('bodies.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bodies.name')}</Table.Th>
              <Table.Th>{t('bodies.kind')}</Table.Th>
              <Table.Th>{t('bodies.memberCount')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bodies.map((b) => (
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
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <BodyForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
