import { useState } from 'react';
import { Anchor, Badge, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ActionItem } from '../../../shared/contract/meetings';
import { Pager, useKeysetPages } from '../../components/Pager';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ownerFromOption, useOwnerOptions, usePriorityOptions } from '../meetings/options';
import { todayIso } from '../meetings/localDate';
import { ActionsChart } from './ActionsChart';
import { InlineErrors } from '../meetings/InlineErrors';

const NO_PRIORITY = 'none';
export const ACTIONS_PAGE_SIZE = 50;
/** what the rows show: an action, its §, meeting, body, owner or priority area */
const SHOWN_ENTITIES = ['action_item', 'meeting', 'paragraph', 'body', 'person', 'organisation', 'agreement_version'];

/**
 * Every action item (uppdrag) from every protocol, followed until done: filter by priority
 * area, owner and status; overdue ones stand out; a chart shows the state per priority. The
 * list comes a page at a time, open ones first by due date (the most overdue first); an action
 * ticked done changes its row at once, and the page is asked for again (only it).
 */
export function ActionsPage() {
  const { t } = useTranslation();
  const [priority, setPriority] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const priorities = usePriorityOptions(null);
  const owners = useOwnerOptions(owner);
  const { run, fieldErrors } = useAction();

  const ownerFilter = ownerFromOption(owner);
  const filter = {
    ...(priority === NO_PRIORITY ? { withoutPriority: true } : priority ? { priorityId: Number(priority) } : {}),
    ...(ownerFilter.ownerPersonId ? { ownerPersonId: ownerFilter.ownerPersonId } : {}),
    ...(ownerFilter.ownerOrganisationId ? { ownerOrganisationId: ownerFilter.ownerOrganisationId } : {}),
    ...(status === 'all' ? {} : { status: status as 'open' | 'done' }),
    ...(overdueOnly ? { overdue: true } : {}),
  };
  const pages = useKeysetPages(JSON.stringify(filter));
  const actions = useCall(
    'actions.list',
    { ...filter, limit: ACTIONS_PAGE_SIZE, after: pages.after },
    { entities: SHOWN_ENTITIES },
  );
  const stats = useCall('actions.stats', {}, { entities: SHOWN_ENTITIES });
  // the answer of a tick, shown until the page itself comes again
  const [ticked, setTicked] = useState<{ page: unknown; action: ActionItem } | null>(null);
  const list = (actions.data?.items ?? []).map((a) =>
    ticked && ticked.page === actions.data && ticked.action.id === a.id ? ticked.action : a,
  );
  const tick = async (a: ActionItem, done: boolean) => {
    const page = actions.data;
    const changed = await run('actions.setStatus', {
      id: a.id,
      status: done ? 'done' : 'open',
      doneOn: done ? todayIso() : null,
    });
    if (changed) setTicked({ page, action: changed });
  };
  // "change the filters" only helps when there are actions at all; otherwise say where they come from
  const anyActions = (stats.data ?? []).some((row) => row.open + row.overdue + row.done > 0);
  const filtered = anyActions && (priority !== null || owner !== null || status !== 'all' || overdueOnly);

  return (
    <Stack>
      <Title order={2}>{t('meetings.actions.overviewTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('meetings.actions.overviewHelp')}
      </Text>
      {stats.data && stats.data.length > 0 && <ActionsChart rows={stats.data} />}

      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('meetings.actions.priority')}
          placeholder={t('meetings.actions.all')}
          data={[...priorities, { value: NO_PRIORITY, label: t('meetings.actions.noPriority') }]}
          value={priority}
          onChange={setPriority}
          clearable
          w={260}
        />
        <Select
          label={t('meetings.actions.owner')}
          placeholder={t('meetings.actions.all')}
          data={owners.groups}
          value={owner}
          onChange={setOwner}
          onSearchChange={owners.onSearchChange}
          clearable
          searchable
          w={260}
        />
        <Select
          label={t('meetings.actions.status')}
          data={[
            { value: 'open', label: t('meetings.actions.statuses.open') },
            { value: 'done', label: t('meetings.actions.statuses.done') },
            { value: 'all', label: t('meetings.actions.all') },
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? 'all')}
          allowDeselect={false}
          w={160}
        />
        <Checkbox
          label={t('meetings.actions.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
          mb={8}
        />
      </Group>

      <InlineErrors errors={fieldErrors} />
      {actions.data && list.length === 0 && (
        <EmptyState title={filtered ? t('meetings.actions.noMatchTitle') : t('meetings.actions.emptyTitle')}>
          {filtered ? t('meetings.actions.noMatch') : t('meetings.actions.empty')}
        </EmptyState>
      )}
      {list.length > 0 && actions.data && (
        <Pager
          label={t('meetings.actions.overviewTitle')}
          pageIndex={pages.pageIndex}
          pageSize={ACTIONS_PAGE_SIZE}
          shown={list.length}
          total={actions.data.total}
          nextCursor={actions.data.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {list.length > 0 && (
        <Table
          aria-label={t('meetings.actions.overviewTitle')}
          highlightOnHover
          layout="fixed"
          data-testid="actions-table"
        >
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
          <Table.Tbody>
            {list.map((a) => (
              <Table.Tr
                key={a.id}
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
                      a.status === 'done'
                        ? t('meetings.actions.doneOn', { date: a.doneOn ?? '' })
                        : t('meetings.actions.done')
                    }
                    aria-label={t('meetings.actions.doneNamed', { description: a.description })}
                    checked={a.status === 'done'}
                    onChange={(e) => void tick(a, e.currentTarget.checked)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
