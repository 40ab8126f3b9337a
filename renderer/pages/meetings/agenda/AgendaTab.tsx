import { useCallback, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../../api/hooks';
import { ConfirmDialog } from '../../../components/confirm';
import { RowActions } from '../../../components/RowActions';
import { EmptyState } from '../../../components/EmptyState';
import { SortableList } from '../../../components/sortable/SortableList';
import type { AgendaItem, Meeting } from '../../../../shared/contract/meetings';
import { AgendaItemForm } from './AgendaItemForm';
import { Suggestions } from './Suggestions';
import { InlineErrors } from '../InlineErrors';
import { Attachments } from '../Attachments';

const KIND_COLORS: Record<AgendaItem['kind'], string> = {
  standing: 'gray',
  decision: 'blue',
  information: 'teal',
  discussion: 'grape',
};

/**
 * The dagordning: ordered items with running clock times, reordered by mouse or keyboard.
 * The time plan (clock times, total, overrun) is the backend's (`agenda.plan`); after a move it
 * shows the plan of the order saved.
 */
export function AgendaTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const plan = useCall('agenda.plan', { meetingId: meeting.id });
  const { run, fieldErrors } = useAction();
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  const readOnly = !meeting.can.editAgenda.allowed;
  const getId = useCallback((item: AgendaItem) => item.id, []);
  const getLabel = useCallback((item: AgendaItem) => item.title, []);

  const list = plan.data?.items ?? [];
  const totalMinutes = plan.data?.totalMinutes ?? 0;
  const overrunMinutes = plan.data?.overrunMinutes ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('meetings.agenda.total', { minutes: totalMinutes, start: meeting.startTime, end: meeting.endTime })}
        </Text>
        {!readOnly && (
          <Group>
            <Button variant="light" onClick={() => void run('agenda.applyTemplate', { meetingId: meeting.id })}>
              {t('meetings.agenda.applyTemplate')}
            </Button>
            <Button onClick={() => setEditing('new')}>{t('meetings.agenda.add')}</Button>
          </Group>
        )}
      </Group>
      {overrunMinutes > 0 && (
        <Alert color="orange" title={t('meetings.agenda.overrunTitle')}>
          {t('meetings.agenda.overrun', { count: overrunMinutes })}
        </Alert>
      )}
      {meeting.protocolStatus && !readOnly && <Alert color="blue">{t('meetings.agenda.protocolStarted')}</Alert>}

      {!readOnly && <Suggestions meetingId={meeting.id} />}

      <InlineErrors errors={fieldErrors} />
      {plan.data && list.length === 0 && (
        <EmptyState title={t('meetings.agenda.emptyTitle')}>{t('meetings.agenda.empty')}</EmptyState>
      )}
      {list.length > 0 && (
        <SortableList
          label={t('meetings.agenda.listLabel')}
          items={list}
          getId={getId}
          getLabel={getLabel}
          disabled={readOnly}
          onReorder={(next) => void run('agenda.reorder', { meetingId: meeting.id, itemIds: next.map((i) => i.id) })}
          renderItem={(item, index) => {
            return (
              <Group justify="space-between" wrap="nowrap" align="flex-start" data-testid="agenda-item">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} size="sm" ff="monospace" data-testid="agenda-clock">
                      {item.startsAt}–{item.endsAt}
                    </Text>
                    <Text fw={600}>
                      {index + 1}. {item.title}
                    </Text>
                    <Badge size="sm" variant="light" color={KIND_COLORS[item.kind]}>
                      {t(`meetings.kinds.${item.kind}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {[
                      t('meetings.agenda.minutes', { count: item.plannedMinutes }),
                      item.presenter ? t('meetings.agenda.presenterShown', { name: item.presenter }) : null,
                      item.priorityName,
                      item.dnr ? t('meetings.agenda.dnrShown', { dnr: item.dnr }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  {item.description && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {item.description}
                    </Text>
                  )}
                  <Attachments target={{ agendaItemId: item.id }} readOnly={readOnly} />
                </Stack>
                {!readOnly && (
                  <RowActions
                    editLabel={t('meetings.agenda.editNamed', { title: item.title })}
                    removeLabel={t('meetings.agenda.removeNamed', { title: item.title })}
                    onEdit={() => setEditing(item)}
                    onRemove={() => setRemoving(item)}
                  />
                )}
              </Group>
            );
          }}
        />
      )}

      {editing && (
        <AgendaItemForm
          meetingId={meeting.id}
          meetingDate={meeting.date}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetings.agenda.removeTitle')}
        message={t('meetings.agenda.removeMessage', { title: removing?.title ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('agenda.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
