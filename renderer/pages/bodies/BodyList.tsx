import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { EmptyState } from '../../components/EmptyState';
import { blankBody, BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';

export function BodyList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const list = useCall('bodies.list', { includeArchived: showArchived });
  const { run } = useAction();
  const [editing, setEditing] = useState<BodyDraft | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('bodies.title')}</Title>
        <Button onClick={() => setEditing(blankBody)}>{t('bodies.new')}</Button>
      </Group>
      <Checkbox
        label={t('bodies.showArchived')}
        checked={showArchived}
        onChange={(e) => setShowArchived(e.currentTarget.checked)}
      />
      {list.data && list.data.length === 0 && (
        <EmptyState title={t('bodies.emptyTitle')} action={<Anchor href="#/">{t('people.emptyExample')}</Anchor>}>
          {t('bodies.empty')}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
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
            {list.data.map((b) => (
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
