import { useState } from 'react';
import { Alert, Button, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../dateTime';
import type { BackupInfo, DatabaseStatus } from '../../../shared/contract/database';
import { useAction, useErrorText } from '../../api/hooks';
import { ConfirmDialog } from '../confirm';

/**
 * Shown instead of every page when SQLite reported the database as damaged: Samråd writes
 * nothing more to it, says what happened, and offers the newest good backup (the damaged file
 * is kept aside, never deleted). The command line does the same with `samrad restore --from`.
 */
export function DatabaseRecovery({ status, onRestored }: { status: DatabaseStatus; onRestored(): void }) {
  const { t, i18n } = useTranslation();
  const { run, busy, fieldErrors } = useAction();
  const errorText = useErrorText();
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const newest = status.backups[0];
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  const restore = async () => {
    if (!chosen) return;
    const result = await run('database.restore', { backupPath: chosen.path });
    setChosen(null);
    if (result && result.state === 'ok') onRestored();
  };

  return (
    <Stack maw={760} gap="md">
      <Title order={2}>{t('recovery.title')}</Title>
      <Alert
        color="red"
        role="alert"
        title={
          status.problem
            ? errorText({ code: status.problem.code, message: status.problem.message })
            : t('errors.DATABASE_CORRUPT')
        }
      >
        <Text size="sm">{t(`recovery.noticed.${status.problem?.noticed ?? 'call'}`)}</Text>
        <Text size="sm">{t('recovery.noWrites')}</Text>
      </Alert>
      <Text size="sm">
        {t('recovery.file')} <Code>{status.path}</Code>
      </Text>
      {fieldErrors.backupPath && <Alert color="red">{fieldErrors.backupPath}</Alert>}
      {newest ? (
        <>
          <Text>{t('recovery.newest', { when: when(newest.createdAt) })}</Text>
          <Group>
            <Button color="red" loading={busy} onClick={() => setChosen(newest)}>
              {t('recovery.restoreNewest')}
            </Button>
          </Group>
          {status.backups.length > 1 && (
            <>
              <Text size="sm">{t('recovery.older')}</Text>
              <List size="sm">
                {status.backups.slice(1).map((b) => (
                  <List.Item key={b.path}>
                    <Button variant="subtle" size="compact-sm" onClick={() => setChosen(b)}>
                      {t('recovery.restoreFrom', { when: when(b.createdAt) })}
                    </Button>
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </>
      ) : (
        <Alert color="yellow">{t('recovery.noBackups')}</Alert>
      )}
      <Text size="sm">{t('recovery.aside')}</Text>
      <ConfirmDialog
        opened={chosen !== null}
        title={t('recovery.confirmTitle')}
        message={chosen ? t('recovery.confirmText', { when: when(chosen.createdAt) }) : ''}
        confirmLabel={t('recovery.restore')}
        danger
        onConfirm={restore}
        onCancel={() => setChosen(null)}
      />
    </Stack>
  );
}
