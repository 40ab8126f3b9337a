import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import type { Body } from '../../../shared/contract/participants';
import { RecordHistory } from '../../components/RecordHistory';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { blankBody, BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';

export function BodyList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const list = useCall('bodies.list', { includeArchived: showArchived });
  const { run } = useAction();
  const [editing, setEditing] = useState<BodyDraft | null>(null);
  const [archiving, setArchiving] = useState<Body | null>(null);

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
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('bodies.editNamed', { name: b.name })}
                      onClick={() => setEditing(bodyDraftOf(b))}
                    >
                      {t('actions.edit')}
                    </Button>
                    {b.archived ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={t('bodies.restoreNamed', { name: b.name })}
                        onClick={() => void run('bodies.archive', { id: b.id, archived: false })}
                      >
                        {t('actions.restore')}
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('bodies.archiveNamed', { name: b.name })}
                        onClick={() => setArchiving(b)}
                      >
                        {t('actions.archive')}
                      </Button>
                    )}
                    <RecordHistory entity="body" entityId={b.id} label={b.name} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <BodyForm draft={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={archiving !== null}
        title={t('bodies.archiveTitle')}
        message={t('bodies.archiveMessage', { name: archiving?.name ?? '' })}
        confirmLabel={t('actions.archive')}
        danger
        onCancel={() => setArchiving(null)}
        onConfirm={async () => {
          if (archiving) await run('bodies.archive', { id: archiving.id, archived: true });
          setArchiving(null);
        }}
      />
    </Stack>
  );
}
