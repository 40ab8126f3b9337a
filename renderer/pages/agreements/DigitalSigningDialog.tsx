import { useState } from 'react';
import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { CertificatePicker } from '../../components/signing/CertificatePicker';
import { useFieldErrors } from '../../components/fieldErrors';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../components/signing/TimestampFailedDialog';
import { OtherErrors } from './OtherErrors';
import { lastSigningPlace } from './lastSigningPlace';
import { useSealAwaitsNotice } from '../../components/records/sealAwaitsNotice';

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
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(() => lastSigningPlace(version));
  const errors = useFieldErrors(fieldErrors, { certificateId, password, place });
  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);
  const noticeSealAwaits = useSealAwaitsNotice();

  const submit = async (withoutTimestamp = false) => {
    const done = await run(
      'agreements.signing.signDigitally',
      {
        versionId: version.id,
        partyId: party.id,
        certificateId: Number(certificateId ?? 0),
        password,
        place,
        withoutTimestamp,
      },
      takeTimestampFailure(setTimestampFailure, () => void submit(true)),
    );
    if (!done) return;
    noticeSealAwaits(done.sealAwaitsTimestamp);
    onClose();
  };

  if (timestampFailure)
    return <TimestampFailedDialog failure={timestampFailure} onClose={() => setTimestampFailure(null)} />;

  return (
    <FormModal
      onClose={onClose}
      title={t('agreements.signing.signTitle', { name: party.signatoryName, organisation: party.organisationName })}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('agreements.signing.signDigitally')}
      submitDisabled={certificateId === null}
      error={<OtherErrors errors={fieldErrors} shown={['certificateId', 'password', 'place']} />}
    >
      <Text size="sm">{t('agreements.signing.signHelp')}</Text>
      <CertificatePicker
        source={{
          kind: 'stored',
          label: t('agreements.signing.certificate'),
          personId: String(party.signatoryId),
          noneText: t('agreements.signing.noCertificate', { name: party.signatoryName }),
          certificateId,
          onCertificateChange: setCertificateId,
          error: errors.certificateId,
        }}
        password={{
          label: t('agreements.signing.certificatePassword'),
          description: t('agreements.signing.certificatePasswordHelp'),
          required: true,
          value: password,
          onChange: setPassword,
          error: errors.password,
        }}
      />
      <TextInput
        label={t('agreements.signing.place')}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        error={errors.place}
        required
      />
    </FormModal>
  );
}
