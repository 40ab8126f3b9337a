import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm';
import { RecordHistory } from './RecordHistory';

/**
 * A register row's buttons (organisations, bodies): Edit, Archive after a confirmation or Restore
 * at once (restoring loses nothing), and the record's history. `texts` is where the register's
 * texts are: `editNamed`, `archiveNamed`, `restoreNamed`, `archiveTitle`, `archiveMessage`.
 */
export function RegisterRowActions({
  texts,
  name,
  archived,
  history,
  onEdit,
  onArchive,
}: {
  texts: string;
  name: string;
  archived: boolean;
  history: { entity: string; entityId: number };
  onEdit(): void;
  onArchive(archived: boolean): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" aria-label={t(`${texts}.editNamed`, { name })} onClick={onEdit}>
        {t('actions.edit')}
      </Button>
      {archived ? (
        <Button
          size="xs"
          variant="subtle"
          aria-label={t(`${texts}.restoreNamed`, { name })}
          onClick={() => void onArchive(false)}
        >
          {t('actions.restore')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={t(`${texts}.archiveNamed`, { name })}
          onClick={() => setAsking(true)}
        >
          {t('actions.archive')}
        </Button>
      )}
      <RecordHistory entity={history.entity} entityId={history.entityId} label={name} />
      <ConfirmDialog
        opened={asking}
        title={t(`${texts}.archiveTitle`)}
        message={t(`${texts}.archiveMessage`, { name })}
        confirmLabel={t('actions.archive')}
        danger
        onCancel={() => setAsking(false)}
        onConfirm={async () => {
          await onArchive(true);
          setAsking(false);
        }}
      />
    </Group>
  );
}
