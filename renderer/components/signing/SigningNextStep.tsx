import { Button, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { UnlockForm } from './UnlockForm';
import type { SigningReadiness } from './useSigningReadiness';

/**
 * Why an export cannot be signed yet, and the one step that fixes it: a certificate is chosen
 * on the Certificates page, a locked keystore is unlocked right here so the user keeps their
 * place. Renders nothing when signing is possible.
 */
export function SigningNextStep({ readiness, onUnlocked }: { readiness: SigningReadiness; onUnlocked(): void }) {
  const { t } = useTranslation();
  if (readiness.state === 'ready') return null;
  if (readiness.state === 'loading') return <Loader size="sm" aria-label={t('signing.signing.checking')} />;

  const reason =
    readiness.state === 'noCertificate'
      ? t('signing.signing.noCertificate')
      : t(`signing.signing.${readiness.state}`, {
          certificate: readiness.certificate.label,
          from: readiness.certificate.validFrom.slice(0, 10),
          to: readiness.certificate.validTo.slice(0, 10),
        });
  return (
    <Stack gap="xs" data-testid="signing-next-step">
      <Text size="sm">{reason}</Text>
      {readiness.state === 'locked' ? (
        <UnlockForm firstTime={!readiness.passphraseSet} onUnlocked={onUnlocked} />
      ) : (
        <Button variant="light" size="xs" w="fit-content" onClick={() => navigate('/certificates')}>
          {t('signing.signing.goToCertificates')}
        </Button>
      )}
    </Stack>
  );
}
