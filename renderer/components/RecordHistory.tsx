import { Button, Code, Group, List, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contract/common';
import { formatDateTime } from './dateTime';
import { translateSentence } from './history/sentence';
import { HISTORY_PAGE } from '../../shared/contract/system';
import { ApiError, call } from '../api/client';
import { useCall, useErrorText } from '../api/hooks';
import { AppDrawer } from './AppModal';

const raw = (value: unknown) => JSON.stringify(value, null, 2);

/** What the log holds, as it holds it: for those who need the exact values behind the sentence. */
function RawDetails({ entry, id }: { entry: AuditEntry; id: string }) {
  const { t } = useTranslation();
  if (entry.changes.length === 0)
    return (
      <Stack gap={4} id={id}>
        {entry.before !== null && (
          <Code block aria-label={t('history.before')}>
            {raw(entry.before)}
          </Code>
        )}
        {entry.after !== null && (
          <Code block aria-label={t('history.after')}>
            {raw(entry.after)}
          </Code>
        )}
        {entry.before === null && entry.after === null && <Text size="sm">{t('history.noDetails')}</Text>}
      </Stack>
    );
  return (
    <Table id={id} withTableBorder fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.field')}</Table.Th>
          <Table.Th>{t('history.before')}</Table.Th>
          <Table.Th>{t('history.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entry.changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td>
              <Code>{c.field}</Code>
            </Table.Td>
            <Table.Td>
              <Code>{raw(c.before)}</Code>
            </Table.Td>
            <Table.Td>
              <Code>{raw(c.after)}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function HistoryEvent({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  const detailsId = useId();
  const { summary, lines } = entry.description;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        {formatDateTime(entry.at, i18n.language)}
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text size="sm">{translateSentence(summary, t, i18n.language)}</Text>
          {lines.length > 0 && (
            <List size="sm">
              {lines.map((line, i) => (
                <List.Item key={i}>{translateSentence(line, t, i18n.language)}</List.Item>
              ))}
            </List>
          )}
          <div>
            <Button variant="subtle" size="compact-xs" onClick={toggle} aria-expanded={open} aria-controls={detailsId}>
              {open ? t('history.hideDetails') : t('history.details')}
            </Button>
          </div>
          {open && <RawDetails entry={entry} id={detailsId} />}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The record's newest events, then older ones page by page ("Visa äldre"). The first page
 * stays live; the older pages are read once and kept until a new event arrives, since a new
 * event pushes the first page's oldest row onto the pages after it.
 */
function HistoryTable({ entity, entityId }: { entity: string; entityId: number | string }) {
  const { t, i18n } = useTranslation();
  const history = useCall('history.forRecord', { entity, entityId: String(entityId), limit: HISTORY_PAGE });
  const [older, setOlder] = useState<{ newest: number | null; items: AuditEntry[]; next: string | null }>({
    newest: null,
    items: [],
    next: null,
  });
  const [loading, setLoading] = useState(false);
  const errorText = useErrorText();
  const newest = history.data?.items[0]?.id ?? null;
  const kept = older.newest === newest ? older : null;
  if (!history.data) return null;
  if (history.data.total === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  const entries = [...history.data.items, ...(kept?.items ?? [])];
  const next = kept && kept.items.length > 0 ? kept.next : history.data.next;
  const number = (n: number) => n.toLocaleString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB');
  const showOlder = async () => {
    // not `loading` on the button: a disabled button drops the keyboard focus
    if (!next || loading) return;
    setLoading(true);
    try {
      const page = await call('history.forRecord', {
        entity,
        entityId: String(entityId),
        limit: HISTORY_PAGE,
        after: next,
      });
      setOlder({ newest, items: [...(kept?.items ?? []), ...page.items], next: page.next });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      notifications.show({ color: 'red', message: errorText(e.body) });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Stack>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.when')}</Table.Th>
            <Table.Th>{t('history.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <HistoryEvent key={e.id} entry={e} />
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="sm" aria-live="polite" data-testid="history-count">
          {t('history.shown', { shown: number(entries.length), total: number(history.data.total) })}
        </Text>
        {next && (
          <Button variant="default" size="xs" onClick={() => void showOlder()} aria-busy={loading}>
            {t('history.older')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** A "History" button that opens who changed this record, when, and what, in sentences. */
export function RecordHistory({
  entity,
  entityId,
  label,
}: {
  entity: string;
  entityId: number | string;
  label: string;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" size="xs" onClick={open} aria-label={t('history.openFor', { name: label })}>
        {t('history.open')}
      </Button>
      <AppDrawer opened={opened} onClose={close} position="right" size="lg" title={t('history.title', { name: label })}>
        {opened && <HistoryTable entity={entity} entityId={entityId} />}
      </AppDrawer>
    </>
  );
}
