import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SignedCopyDialog as ImportSignedCopy, type PlaceField } from '../../signing/SignedCopyDialog';
import type { Attester } from './AttestDialog';

const JusteringPlace: PlaceField = ({ value, onChange, error }) => {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('meetings.justering.place')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
};

/** A signed copy of the protocol (or of a § attested at once) back from an attester who signed elsewhere. */
export function SignedCopyDialog({
  attesters,
  defaultPlace,
  onClose,
}: {
  attesters: Attester[];
  defaultPlace: string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <ImportSignedCopy
      method="protocol.importSignedCopy"
      help={t('meetings.justering.importHelp')}
      signers={attesters}
      defaultPlace={defaultPlace}
      PlaceField={JusteringPlace}
      onClose={onClose}
    />
  );
}
