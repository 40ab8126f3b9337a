import { useState } from 'react';
import { Button, Group, PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import type { KeystoreStatus } from '../../../shared/contract/signing';
import { useFieldErrors } from '../fieldErrors';

/** `onUnlocked` lets the view that asked go on at once (an export waiting for the key). */
export function UnlockForm({
  firstTime,
  onUnlocked,
}: {
  firstTime: boolean;
  onUnlocked?(status: KeystoreStatus): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors: raw, busy } = useAction();
  const [passphrase, setPassphrase] = useState('');
  const errors = useFieldErrors(raw, { passphrase });
  const unlock = async () => {
    const status = await run('certificates.unlock', { passphrase });
    if (!status) return;
    setPassphrase('');
    onUnlocked?.(status);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void unlock();
      }}
      noValidate
    >
      <Group align="flex-end">
        <PasswordInput
          label={t('signing.passphrase')}
          description={firstTime ? t('signing.passphraseChoose') : t('signing.passphraseEnter')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={errors.passphrase}
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={busy}>
          {t('signing.unlock')}
        </Button>
      </Group>
    </form>
  );
}
