import { useState } from 'react';
import { Text } from '@mantine/core';
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
import { AttesterSelect, JusteringPlaceField, onlyAttester, type Attester } from './JusteringFields';
import { protocolSealAwaits, useSealAwaitsNotice } from '../../../components/records/sealAwaitsNotice';

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
  const [personId, setPersonId] = useState(() => onlyAttester(attesters));
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(defaultPlace ?? '');
  const errors = useFieldErrors(fieldErrors, { personId, certificateId, password, place });

  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);
  const noticeSealAwaits = useSealAwaitsNotice();

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
    if (!done) return;
    noticeSealAwaits(protocolSealAwaits(done, paragraphId));
    onClose();
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
