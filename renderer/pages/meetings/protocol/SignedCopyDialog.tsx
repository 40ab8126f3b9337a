import { useState } from 'react';
import { Alert, FileInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { errorsByField } from '../../../components/fieldErrors';
import { readFileBase64 } from '../../signing/readFile';
import { JusteringPlaceField, type Attester } from './JusteringFields';

/**
 * A signed copy back from an attester who signed elsewhere. Samråd checks it against the
 * document sent for justering; a certificate it does not know yet is confirmed as one of the
 * pending attesters' before anything is recorded.
 */
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
  const { run, fieldErrors, busy } = useAction();
  const errors = errorsByField(fieldErrors);
  const [file, setFile] = useState<File | null>(null);
  const [place, setPlace] = useState(defaultPlace ?? '');
  const [unknown, setUnknown] = useState<{ subject: string; fingerprint: string } | null>(null);
  const [confirmPersonId, setConfirmPersonId] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    const done = await run(
      'protocol.importSignedCopy',
      {
        fileBase64: await readFileBase64(file),
        confirmPersonId: unknown && confirmPersonId ? Number(confirmPersonId) : null,
        place,
      },
      (error) => {
        if (error.params?.reason !== 'meetings.reasons.signed_copy_unknown_certificate') return false;
        setUnknown({ subject: String(error.params.subject), fingerprint: String(error.params.fingerprint) });
        return true;
      },
    );
    if (done) onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      title={t('meetings.justering.importTitle')}
      onSubmit={submit}
      busy={busy}
      submitLabel={unknown ? t('meetings.justering.confirmAndImport') : t('meetings.justering.importSigned')}
      submitDisabled={!file || (unknown !== null && confirmPersonId === null)}
    >
      <Text size="sm">{t('meetings.justering.importHelp')}</Text>
      <FileInput
        label={t('meetings.justering.signedCopy')}
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        value={file}
        onChange={(f) => {
          setFile(f);
          setUnknown(null);
        }}
        error={errors.fileBase64}
        required
        clearable
        data-autofocus
      />
      {unknown && (
        <Alert color="yellow" title={t('meetings.justering.unknownCertificateTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('meetings.justering.unknownCertificate', { subject: unknown.subject })}</Text>
            <Text size="xs" ff="monospace">
              {unknown.fingerprint}
            </Text>
            <Select
              label={t('meetings.justering.confirmWhose')}
              data={attesters.map((a) => ({ value: String(a.personId), label: a.name }))}
              value={confirmPersonId}
              onChange={setConfirmPersonId}
              allowDeselect={false}
              required
            />
          </Stack>
        </Alert>
      )}
      <JusteringPlaceField value={place} onChange={setPlace} error={errors.place} />
    </FormModal>
  );
}
