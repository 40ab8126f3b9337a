import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { AppModal } from './AppModal';
import { useTranslation } from 'react-i18next';

interface ConfirmProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void | Promise<void>;
  onCancel(): void;
}

/** Asks before a destructive or far-reaching action; Escape or Cancel changes nothing. */
export function ConfirmDialog({ opened, title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <AppModal opened={opened} onClose={onCancel} title={title}>
      <Text mb="md">{message}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
        <Button
          color={danger ? 'red' : undefined}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
      </Group>
    </AppModal>
  );
}
