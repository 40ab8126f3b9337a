import { useTranslation } from 'react-i18next';
import { SignedCopyDialog as ImportSignedCopy } from '../../signing/SignedCopyDialog';
import { JusteringPlaceField, type Attester } from './JusteringFields';

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
      target={{ method: 'protocol.importSignedCopy' }}
      help={t('meetings.justering.importHelp')}
      signers={attesters}
      defaultPlace={defaultPlace}
      PlaceField={JusteringPlaceField}
      onClose={onClose}
    />
  );
}
