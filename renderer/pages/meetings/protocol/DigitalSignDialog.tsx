import { useState } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { CertificatePicker } from '../../../components/signing/CertificatePicker';
import { errorsByField } from '../../../components/fieldErrors';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../../components/signing/TimestampFailedDialog';
import { AttesterSelect, JusteringPlaceField, onlyAttester, type Attester } from './JusteringFields';

/**
 * Attesting here with one's own certificate: the attester picks it and types its password
 * themselves; their signature is added to the document sent for justering.
 */
export function DigitalSignDialog({
  meetingId,
  attesters,
  defaultPlace,
  onClose,
}: {
  meetingId: number;
  attesters: Attester[];
  defaultPlace: string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const errors = errorsByField(fieldErrors);
  const [personId, setPersonId] = useState(() => onlyAttester(attesters));
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(defaultPlace ?? '');

  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);

  const submit = async (withoutTimestamp = false) => {
    const done = await run(
      'protocol.signAttestation',
      {
        meetingId,
        personId: Number(personId ?? 0),
        certificateId: Number(certificateId ?? 0),
        password,
        place,
        withoutTimestamp,
      },
      takeTimestampFailure(setTimestampFailure, () => void submit(true)),
    );
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
      <AttesterSelect
        attesters={attesters}
        value={personId}
        onChange={(v) => {
          setPersonId(v);
          setCertificateId(null);
        }}
        error={errors.personId}
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
      <JusteringPlaceField value={place} onChange={setPlace} error={errors.place} />
    </FormModal>
  );
}
