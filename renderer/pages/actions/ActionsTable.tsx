import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { Anchor, Badge, Checkbox, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActionItem } from '../../../shared/contract/meetings';

/**
 * A page of actions with a "Klar" checkbox on each row. Rows are memoized, so a tick (or a
 * reload of the chart or the filters) draws again only the rows that changed. A ticked row the
 * page no longer holds (the open list after "Klar") takes the keyboard focus with it; the focus
 * goes to the checkbox of the row that took its place, so ticking on by keyboard stays easy.
 */
export function ActionsTable({
  label,
  actions,
  onTick,
}: {
  label: string;
  actions: ActionItem[];
  onTick(action: ActionItem, done: boolean): void;
}) {
  const { t } = useTranslation();
  const body = useRef<HTMLTableSectionElement>(null);
  const lastTicked = useRef<{ id: number; index: number } | null>(null);
  const onRowTick = useCallback(
    (action: ActionItem, done: boolean, index: number) => {
      lastTicked.current = { id: action.id, index };
      onTick(action, done);
    },
    [onTick],
  );

  useLayoutEffect(() => {
    const ticked = lastTicked.current;
    const rows = body.current;
    if (!ticked || !rows) return;
    const active = document.activeElement;
    if (active && active !== document.body) {
      // the focus is still on the ticked row (wait for the page to come again), or the user moved on
      if (!rows.querySelector(`tr[data-action-id="${ticked.id}"]`)?.contains(active)) lastTicked.current = null;
      return;
    }
    const boxes = rows.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    const stillHere = actions.findIndex((a) => a.id === ticked.id);
    boxes[stillHere >= 0 ? stillHere : Math.min(ticked.index, boxes.length - 1)]?.focus();
    lastTicked.current = null;
  }, [actions]);

  return (
    <Table aria-label={label} highlightOnHover layout="fixed" data-testid="actions-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="30%">{t('meetings.actions.description')}</Table.Th>
          <Table.Th w="13%">{t('meetings.actions.owner')}</Table.Th>
          <Table.Th w="13%">{t('meetings.actions.dueDate')}</Table.Th>
          <Table.Th w="14%">{t('meetings.actions.priority')}</Table.Th>
          <Table.Th w="17%">{t('meetings.actions.source')}</Table.Th>
          <Table.Th w="13%">{t('meetings.actions.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body}>
        {actions.map((a, index) => (
          <ActionRow key={a.id} action={a} index={index} onTick={onRowTick} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ActionRow = memo(function ActionRow({
  action: a,
  index,
  onTick,
}: {
  action: ActionItem;
  index: number;
  onTick(action: ActionItem, done: boolean, index: number): void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr
      bg={a.overdue ? 'var(--mantine-color-red-0)' : undefined}
      data-overdue={a.overdue || undefined}
      data-action-id={a.id}
    >
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.description}</Table.Td>
      <Table.Td>{a.ownerName}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {a.dueDate ?? '–'}
          {a.overdue && (
            <Badge color="red" size="sm">
              {t('meetings.actions.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{a.priorityName ?? t('meetings.actions.noPriority')}</Table.Td>
      <Table.Td>
        <Anchor href={`#/meetings/${a.meetingId}/protocol`} size="sm">
          {t('meetings.actions.sourceShown', {
            body: a.bodyName,
            date: a.meetingDate,
            number: a.paragraphNumber,
          })}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Checkbox
          label={
            a.status === 'done' ? t('meetings.actions.doneOn', { date: a.doneOn ?? '' }) : t('meetings.actions.done')
          }
          aria-label={t('meetings.actions.doneNamed', { description: a.description })}
          checked={a.status === 'done'}
          onChange={(e) => onTick(a, e.currentTarget.checked, index)}
        />
      </Table.Td>
    </Table.Tr>
  );
});
