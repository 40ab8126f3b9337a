import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './dateTime';
import { useCall } from '../api/hooks';
import { AppDrawer } from './AppModal';

function changedFields(before: unknown, after: unknown): string {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return '';
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a)
    .filter((k) => k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(b[k])} → ${JSON.stringify(a[k])}`)
    .join('\n');
}

function HistoryTable({ entity, entityId }: { entity: string; entityId: number | string }) {
  const { t, i18n } = useTranslation();
  const history = useCall('history.forRecord', { entity, entityId });
  if (!history.data) return null;
  if (history.data.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.when')}</Table.Th>
          <Table.Th>{t('history.who')}</Table.Th>
          <Table.Th>{t('history.what')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
            <Table.Td>{e.actor}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <Text size="sm">{t(`history.actions.${e.action}`, { defaultValue: e.action })}</Text>
                {changedFields(e.before, e.after) && <Code block>{changedFields(e.before, e.after)}</Code>}
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A "History" button that opens who changed this record, when, and what. */
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
