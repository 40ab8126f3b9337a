import { useDeferredValue, useState } from 'react';
import { Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { Pager, useKeysetPages } from '../../components/Pager';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ownerFromOption, useOwnerOptions, usePriorityOptions } from '../meetings/options';
import { ActionsChart } from './ActionsChart';
import { InlineErrors } from '../meetings/InlineErrors';
import { ActionsTable } from './ActionsTable';
import { useActionTicks } from './useActionTicks';

const NO_PRIORITY = 'none';
export const ACTIONS_PAGE_SIZE = 50;
/** what the rows show: an action, its §, meeting, body, owner or priority area */
const SHOWN_ENTITIES = ['action_item', 'meeting', 'paragraph', 'body', 'person', 'organisation', 'agreement_version'];

/**
 * Every action item (uppdrag) from every protocol, followed until done: filter by priority
 * area, owner and status; overdue ones stand out; a chart shows the state per priority. The
 * list comes a page at a time, open ones first by due date (the most overdue first); an action
 * ticked done changes its row at once, before the backend answers (useActionTicks), and the
 * page is asked for again (only it).
 */
export function ActionsPage() {
  const { t } = useTranslation();
  const [priority, setPriority] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const priorities = usePriorityOptions(null);
  const owners = useOwnerOptions(owner);

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
  // the chart is drawn after the list: new counts never hold back the rows
  const chartRows = useDeferredValue(stats.data);
  const { items: list, tick, fieldErrors } = useActionTicks(actions.data);
  // "change the filters" only helps when there are actions at all; otherwise say where they come from
  const anyActions = (stats.data ?? []).some((row) => row.open + row.overdue + row.done > 0);
  const filtered = anyActions && (priority !== null || owner !== null || status !== 'all' || overdueOnly);

  return (
    <Stack>
      <Title order={2}>{t('meetings.actions.overviewTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('meetings.actions.overviewHelp')}
      </Text>
      {chartRows && chartRows.length > 0 && <ActionsChart rows={chartRows} />}

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
      {list.length > 0 && <ActionsTable label={t('meetings.actions.overviewTitle')} actions={list} onTick={tick} />}
    </Stack>
  );
}
