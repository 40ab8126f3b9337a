import { useState, type ComponentType } from 'react';
import { Alert, FileInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { pickedFile, useFieldErrors } from '../../components/fieldErrors';
import type { ErrorBody } from '../../../shared/errors';
import { readFileBase64 } from './readFile';
import { protocolSealAwaits, useSealAwaitsNotice } from '../../components/records/sealAwaitsNotice';

/** Someone still to sign, whom a certificate Samråd does not know yet may be confirmed as. */
export interface PendingSigner {
  personId: number;
  name: string;
}

/** Where the copy goes: a protocol or § (found by the copy itself), or the agreement version whose page it is imported on. */
export type SignedCopyTarget =
  { method: 'protocol.importSignedCopy' } | { method: 'agreements.signing.importSignedCopy'; versionId: number };

/** The place field of the act being signed, as its own dialogs show it. */
export type PlaceField = ComponentType<{ value: string; onChange(place: string): void; error?: string }>;

/**
 * A signed copy back from someone who signed elsewhere (a protocol, a § attested at once, an
 * agreement version). The backend checks it against the document that was sent; a certificate it
 * does not know yet is confirmed as one of the pending signers' before anything is recorded.
 */
export function SignedCopyDialog({
  target,
  help,
  signers,
  defaultPlace,
  PlaceField,
  onClose,
}: {
  target: SignedCopyTarget;
  /** what the copy must be, in the act's words */
  help: string;
  signers: PendingSigner[];
  defaultPlace: string | null;
  PlaceField: PlaceField;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const noticeSealAwaits = useSealAwaitsNotice();
  const [file, setFile] = useState<File | null>(null);
  const [place, setPlace] = useState(defaultPlace ?? '');
  const [unknown, setUnknown] = useState<{ subject: string; fingerprint: string } | null>(null);
  const [confirmPersonId, setConfirmPersonId] = useState<string | null>(null);
  const errors = useFieldErrors(fieldErrors, { fileBase64: pickedFile(file), place, confirmPersonId });

  const submit = async () => {
    if (!file) return;
    const copy = {
      fileBase64: await readFileBase64(file),
      confirmPersonId: unknown && confirmPersonId ? Number(confirmPersonId) : null,
      place,
    };
    const onUnknownCertificate = (error: ErrorBody) => {
      if (error.params?.reason !== 'meetings.reasons.signed_copy_unknown_certificate') return false;
      setUnknown({ subject: String(error.params.subject), fingerprint: String(error.params.fingerprint) });
      return true;
    };
    if (target.method === 'protocol.importSignedCopy') {
      const done = await run(target.method, copy, onUnknownCertificate);
      if (!done) return;
      noticeSealAwaits(protocolSealAwaits(done.protocol, done.paragraphId));
    } else {
      const done = await run(target.method, { ...copy, versionId: target.versionId }, onUnknownCertificate);
      if (!done) return;
      noticeSealAwaits(done.version.sealAwaitsTimestamp);
    }
    onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      title={t('signing.signedCopy.title')}
      onSubmit={submit}
      busy={busy}
      submitLabel={unknown ? t('signing.signedCopy.confirmAndImport') : t('signing.signedCopy.import')}
      submitDisabled={!file || (unknown !== null && confirmPersonId === null)}
    >
      <Text size="sm">{help}</Text>
      <FileInput
        label={t('signing.signedCopy.file')}
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        value={file}
        onChange={(f) => {
          setFile(f);
          setUnknown(null);
        }}
        error={errors.fileBase64}
        required
        clearable
        clearButtonProps={{ 'aria-label': t('signing.signedCopy.clearFile') }}
        data-autofocus
      />
      {unknown && (
        <Alert color="yellow" title={t('signing.signedCopy.unknownCertificateTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('signing.signedCopy.unknownCertificate', { subject: unknown.subject })}</Text>
            <Text size="xs" ff="monospace">
              {unknown.fingerprint}
            </Text>
            <Select
              label={t('signing.signedCopy.confirmWhose')}
              data={signers.map((s) => ({ value: String(s.personId), label: s.name }))}
              value={confirmPersonId}
              onChange={setConfirmPersonId}
              error={errors.confirmPersonId}
              allowDeselect={false}
              required
            />
          </Stack>
        </Alert>
      )}
      <PlaceField value={place} onChange={setPlace} error={errors.place} />
    </FormModal>
  );
}
