import { memo, useState } from 'react';
import { Box, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Output } from '../../../shared/contract';

type PriorityCounts = Output<'actions.stats'>[number];

// Plain colours: SVG presentation attributes do not resolve CSS variables everywhere.
const COLORS = { open: '#228be6', overdue: '#fa5252', done: '#40c057' };

function CountsTable({ rows, nameOf }: { rows: PriorityCounts[]; nameOf(row: PriorityCounts): string }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('meetings.actions.chartTable')} withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('meetings.actions.priority')}</Table.Th>
          <Table.Th>{t('meetings.actions.counts.open')}</Table.Th>
          <Table.Th>{t('meetings.actions.counts.overdue')}</Table.Th>
          <Table.Th>{t('meetings.actions.counts.done')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.priorityId ?? 'none'}>
            <Table.Th scope="row">{nameOf(row)}</Table.Th>
            <Table.Td>{row.open}</Table.Td>
            <Table.Td>{row.overdue}</Table.Td>
            <Table.Td>{row.done}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Open, overdue and done actions per priority area as stacked bars. The bars are hidden from
 * screen readers; the same numbers are always in a table (visually hidden unless the user
 * chooses to see it), so nothing is only in the picture.
 */
// memoized: the chart is costly to draw, and a tick or a filter change leaves its counts alone until they come again
export const ActionsChart = memo(function ActionsChart({ rows }: { rows: PriorityCounts[] }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const nameOf = (row: PriorityCounts) => row.priorityName ?? t('meetings.actions.noPriority');
  if (rows.length === 0) return null;
  const data = rows.map((row) => ({ ...row, name: nameOf(row) }));

  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('meetings.actions.chartTitle')}</Text>
        <Button size="xs" variant="subtle" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
          {asTable ? t('meetings.actions.showChart') : t('meetings.actions.showTable')}
        </Button>
      </Group>
      {asTable ? (
        <CountsTable rows={rows} nameOf={nameOf} />
      ) : (
        <>
          {/* the table below carries the same counts for screen readers */}
          <Box aria-hidden h={Math.max(180, 44 * rows.length + 70)} data-testid="actions-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={200} />
                <Tooltip separator=": " />
                <Legend />
                {/* not animated: every tick changes the counts, and an animation redraws every bar for many frames */}
                <Bar
                  dataKey="open"
                  stackId="a"
                  name={t('meetings.actions.counts.open')}
                  fill={COLORS.open}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="overdue"
                  stackId="a"
                  name={t('meetings.actions.counts.overdue')}
                  fill={COLORS.overdue}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="done"
                  stackId="a"
                  name={t('meetings.actions.counts.done')}
                  fill={COLORS.done}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </Box>
          <VisuallyHidden>
            <CountsTable rows={rows} nameOf={nameOf} />
          </VisuallyHidden>
        </>
      )}
    </Box>
  );
});
