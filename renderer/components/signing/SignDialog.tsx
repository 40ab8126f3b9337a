import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../AppModal';
import { SigningNextStep } from './SigningNextStep';
import type { SigningReadiness } from './useSigningReadiness';

/**
 * Opened when a signed export is chosen from a menu while signing is not yet possible: a menu
 * cannot hold a passphrase field, so the next step is shown here. Once the keystore is
 * unlocked the export the user chose goes ahead without asking again.
 */
export function SignDialog({
  readiness,
  onUnlocked,
  onClose,
}: {
  readiness: SigningReadiness;
  onUnlocked(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened onClose={onClose} title={t('signing.signing.dialogTitle')}>
      <Stack>
        <SigningNextStep readiness={readiness} onUnlocked={onUnlocked} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
