import { useState } from 'react';
import { Alert, FileInput, NumberInput, PasswordInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { CertificatePicker } from '../../components/signing/CertificatePicker';
import { pickedFile, useFieldErrors } from '../../components/fieldErrors';
import { readFileBase64 } from './readFile';

/** The keystore passphrase field: asked for only while the keystore is locked. */
function PassphraseField({
  locked,
  firstTime,
  value,
  onChange,
  error,
}: {
  locked: boolean;
  firstTime: boolean;
  value: string;
  onChange(v: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  if (!locked) return null;
  return (
    <PasswordInput
      label={t('signing.passphrase')}
      description={firstTime ? t('signing.passphraseChoose') : t('signing.passphraseEnter')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required
    />
  );
}

export function CreateLocalForm({
  locked,
  firstTime,
  onClose,
}: {
  locked: boolean;
  firstTime: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors: raw, busy } = useAction();
  const [organisation, setOrganisation] = useState('');
  const [years, setYears] = useState<number | string>(3);
  const [passphrase, setPassphrase] = useState('');
  const errors = useFieldErrors(raw, { organisation, validYears: years, passphrase });
  const submit = async () => {
    const created = await run('certificates.createLocal', {
      organisation,
      validYears: Number(years) || 3,
      passphrase: locked ? passphrase : null,
    });
    if (created) onClose();
  };
  return (
    <FormModal
      onClose={onClose}
      title={t('signing.createLocal')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('signing.create')}
    >
      <Alert color="yellow" title={t('signing.localTitle')}>
        {t('signing.localExplanation')}
      </Alert>
      <TextInput
        label={t('signing.organisation')}
        value={organisation}
        onChange={(e) => setOrganisation(e.currentTarget.value)}
        error={errors.organisation}
        required
        data-autofocus
      />
      <NumberInput
        label={t('signing.validYears')}
        value={years}
        onChange={setYears}
        min={1}
        max={10}
        error={errors.validYears}
      />
      <PassphraseField
        locked={locked}
        firstTime={firstTime}
        value={passphrase}
        onChange={setPassphrase}
        error={errors.passphrase}
      />
    </FormModal>
  );
}

export function ImportPkcs12Form({
  locked,
  firstTime,
  onClose,
}: {
  locked: boolean;
  firstTime: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors: raw, setFieldErrors, busy } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [label, setLabel] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const errors = useFieldErrors(raw, { fileBase64: pickedFile(file), password, label, passphrase });
  const submit = async () => {
    if (!file) {
      setFieldErrors({ fileBase64: t('validation.required') });
      return;
    }
    const imported = await run('certificates.importPkcs12', {
      fileBase64: await readFileBase64(file),
      password,
      label: label || undefined,
      passphrase: locked ? passphrase : null,
    });
    if (imported) onClose();
  };
  return (
    <FormModal
      onClose={onClose}
      title={t('signing.importPkcs12')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('signing.import')}
    >
      <CertificatePicker
        source={{
          kind: 'file',
          label: t('signing.pkcs12File'),
          file,
          onFileChange: setFile,
          error: errors.fileBase64,
        }}
        password={{
          label: t('signing.pkcs12Password'),
          required: false,
          value: password,
          onChange: setPassword,
          error: errors.password,
        }}
      />
      <TextInput
        label={t('signing.label')}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        error={errors.label}
      />
      <PassphraseField
        locked={locked}
        firstTime={firstTime}
        value={passphrase}
        onChange={setPassphrase}
        error={errors.passphrase}
      />
    </FormModal>
  );
}

export function ImportTrustedForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors: raw, setFieldErrors, busy } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const errors = useFieldErrors(raw, { fileBase64: pickedFile(file) });
  const submit = async () => {
    if (!file) {
      setFieldErrors({ fileBase64: t('validation.required') });
      return;
    }
    if (await run('certificates.importTrusted', { fileBase64: await readFileBase64(file) })) onClose();
  };
  return (
    <FormModal
      onClose={onClose}
      title={t('signing.importTrusted')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('signing.import')}
    >
      <FileInput
        label={t('signing.caFile')}
        description={t('signing.caFileHelp')}
        accept=".pem,.crt,.cer,.der"
        value={file}
        onChange={setFile}
        error={errors.fileBase64}
        required
        clearable
      />
    </FormModal>
  );
}
