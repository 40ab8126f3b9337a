import type { ReactNode } from 'react';
import { Paper, Stack, Text } from '@mantine/core';

/** What a list shows when it has nothing yet: what the list is for and how to fill it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="lg" data-testid="empty-state">
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>{title}</Text>
        {children && <Text size="sm">{children}</Text>}
        {action}
      </Stack>
    </Paper>
  );
}
