import { useState } from 'react';
import { Button, Group, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../../api/hooks';
import { AppModal } from '../../../components/AppModal';
import { errorsByField } from '../../../components/fieldErrors';
import type { Attester } from './AttestDialog';

/**
 * Attesting here with one's own certificate: the attester picks it and types its password
 * themselves; their signature is added to the document sent for justering — or, for a § attested
 * at once (`paragraphId`), to that §'s extract.
 */
export function DigitalSignDialog({
  meetingId,
  paragraphId,
  attesters,
  defaultPlace,
  onClose,
}: {
  meetingId: number;
  paragraphId?: number;
  attesters: Attester[];
  defaultPlace: string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const errors = errorsByField(fieldErrors);
  const [personId, setPersonId] = useState<string | null>(
    attesters.length === 1 ? String(attesters[0].personId) : null,
  );
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(defaultPlace ?? '');
  const certificates = useCall(
    'personCertificates.list',
    { personId: Number(personId ?? 0) },
    { skip: personId === null },
  );
  const usable = (certificates.data ?? []).filter((c) => c.hasPrivateKey && c.removedAt === null);

  const submit = async () => {
    const signer = {
      personId: Number(personId ?? 0),
      certificateId: Number(certificateId ?? 0),
      password,
      place,
    };
    const done =
      paragraphId === undefined
        ? await run('protocol.signAttestation', { meetingId, ...signer })
        : await run('protocol.signParagraph', { paragraphId, ...signer });
    if (done) onClose();
  };

  return (
    <AppModal opened onClose={onClose} title={t('meetings.justering.signTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('meetings.justering.signHelp')}</Text>
          <Select
            label={t('meetings.justering.who')}
            data={attesters.map((a) => ({
              value: String(a.personId),
              label: `${a.name} (${t(`meetings.justering.roles.${a.role}`)})`,
            }))}
            value={personId}
            onChange={(v) => {
              setPersonId(v);
              setCertificateId(null);
            }}
            error={errors.personId}
            allowDeselect={false}
            required
            data-autofocus
          />
          {personId !== null && certificates.data && usable.length === 0 && (
            <Text size="sm" c="dimmed" role="status">
              {t('meetings.justering.noCertificate')}
            </Text>
          )}
          <Select
            label={t('meetings.justering.certificate')}
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
          />
          <PasswordInput
            label={t('meetings.justering.certificatePassword')}
            description={t('meetings.justering.certificatePasswordHelp')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
          />
          <TextInput
            label={t('meetings.justering.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errors.place}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('meetings.justering.signDigitally')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
