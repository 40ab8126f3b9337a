import { useState } from 'react';
import { Button, Group, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction, useCall } from '../../api/hooks';
import { AppModal } from '../../components/AppModal';
import { errorsByField } from '../../components/fieldErrors';
import { OtherErrors } from './OtherErrors';

/**
 * A party's signatory signs here with their own certificate: they pick it and type its password
 * themselves; their signature is added to the document sent for signing.
 */
export function DigitalSigningDialog({
  version,
  party,
  onClose,
}: {
  version: VersionDetail;
  party: Party;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const errors = errorsByField(fieldErrors);
  const lastPlace =
    version.parties
      .map((p) => p.signing?.place)
      .filter(Boolean)
      .at(-1) ?? '';
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(lastPlace);
  const certificates = useCall('personCertificates.list', { personId: party.signatoryId });
  const usable = (certificates.data ?? []).filter((c) => c.hasPrivateKey && c.removedAt === null);

  const submit = async () => {
    const done = await run('agreements.signing.signDigitally', {
      versionId: version.id,
      partyId: party.id,
      certificateId: Number(certificateId ?? 0),
      password,
      place,
    });
    if (done) onClose();
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('agreements.signing.signTitle', { name: party.signatoryName, organisation: party.organisationName })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('agreements.signing.signHelp')}</Text>
          <OtherErrors errors={fieldErrors} shown={['certificateId', 'password', 'place']} />
          {certificates.data && usable.length === 0 && (
            <Text size="sm" c="dimmed" role="status">
              {t('agreements.signing.noCertificate', { name: party.signatoryName })}
            </Text>
          )}
          <Select
            label={t('agreements.signing.certificate')}
            data={usable.map((c) => ({
              value: String(c.id),
              label: `${c.label} – ${t(`people.certificates.origins.${c.origin}`)} (${c.validTo.slice(0, 10)})`,
            }))}
            value={certificateId}
            onChange={setCertificateId}
            error={errors.certificateId}
            disabled={usable.length === 0}
            allowDeselect={false}
            required
            data-autofocus
          />
          <PasswordInput
            label={t('agreements.signing.certificatePassword')}
            description={t('agreements.signing.certificatePasswordHelp')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
          />
          <TextInput
            label={t('agreements.signing.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errors.place}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={certificateId === null}>
              {t('agreements.signing.signDigitally')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
