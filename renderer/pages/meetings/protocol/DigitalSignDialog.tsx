import { useState } from 'react';
import { Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { CertificatePicker } from '../../../components/signing/CertificatePicker';
import { useFieldErrors } from '../../../components/fieldErrors';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../../components/signing/TimestampFailedDialog';
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
  const [personId, setPersonId] = useState<string | null>(
    attesters.length === 1 ? String(attesters[0].personId) : null,
  );
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(defaultPlace ?? '');
  const errors = useFieldErrors(fieldErrors, { personId, certificateId, password, place });

  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);

  const submit = async (withoutTimestamp = false) => {
    const signer = {
      personId: Number(personId ?? 0),
      certificateId: Number(certificateId ?? 0),
      password,
      place,
      withoutTimestamp,
    };
    const onTimestampFailure = takeTimestampFailure(setTimestampFailure, () => void submit(true));
    const done =
      paragraphId === undefined
        ? await run('protocol.signAttestation', { meetingId, ...signer }, onTimestampFailure)
        : await run('protocol.signParagraph', { paragraphId, ...signer }, onTimestampFailure);
    if (done) onClose();
  };

  if (timestampFailure)
    return <TimestampFailedDialog failure={timestampFailure} onClose={() => setTimestampFailure(null)} />;

  return (
    <FormModal
      onClose={onClose}
      title={t('meetings.justering.signTitle')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('meetings.justering.signDigitally')}
    >
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
      <CertificatePicker
        source={{
          kind: 'stored',
          label: t('meetings.justering.certificate'),
          personId,
          noneText: t('meetings.justering.noCertificate'),
          certificateId,
          onCertificateChange: setCertificateId,
          error: errors.certificateId,
        }}
        password={{
          label: t('meetings.justering.certificatePassword'),
          description: t('meetings.justering.certificatePasswordHelp'),
          required: true,
          value: password,
          onChange: setPassword,
          error: errors.password,
        }}
      />
      <TextInput
        label={t('meetings.justering.place')}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        error={errors.place}
      />
    </FormModal>
  );
}
