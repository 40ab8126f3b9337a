import { Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SigningNextStep } from './SigningNextStep';
import type { SigningReadiness } from './useSigningReadiness';

/**
 * "Sign digitally" beside an export's other choices. It names the certificate that will sign;
 * while signing is not possible the box is disabled and the next step is shown under it. A
 * document that may not be signed gets the box disabled with `ineligibleReason`, so the user
 * learns when signing becomes available instead of wondering where it went.
 */
export function SignOption({
  readiness,
  eligible,
  ineligibleReason,
  checked,
  onChange,
  onUnlocked,
}: {
  readiness: SigningReadiness;
  eligible: boolean;
  ineligibleReason: string;
  checked: boolean;
  onChange(checked: boolean): void;
  /** after an unlock here: reload the readiness */
  onUnlocked(): Promise<void>;
}) {
  const { t } = useTranslation();
  const ready = eligible && readiness.state === 'ready';
  const description = !eligible
    ? ineligibleReason
    : readiness.state === 'ready'
      ? t('signing.signing.with', { certificate: readiness.certificate.label })
      : undefined;
  return (
    <Stack gap={4} maw={480}>
      <Text size="sm" fw={500}>
        {t('signing.signing.title')}
      </Text>
      <Checkbox
        label={t('signing.signing.sign')}
        description={description}
        checked={ready && checked}
        disabled={!ready}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {ready && (
        <Text size="xs" c="dimmed" pl={32} data-testid="signing-subject">
          {readiness.certificate.subject}
        </Text>
      )}
      {eligible && (
        <SigningNextStep
          readiness={readiness}
          onUnlocked={() =>
            // unlocking here says the user means to sign
            void onUnlocked().then(() => onChange(true))
          }
        />
      )}
    </Stack>
  );
}
