import { useState } from 'react';
import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { CertificatePicker } from '../../components/signing/CertificatePicker';
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
  // the place is usually the same for every party: offer the one recorded last
  const lastPlace =
    version.parties
      .map((p) => p.signing?.place)
      .filter(Boolean)
      .at(-1) ?? '';
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [place, setPlace] = useState(lastPlace);

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
