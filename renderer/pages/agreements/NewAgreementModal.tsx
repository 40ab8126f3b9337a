import { useState } from 'react';
import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { navigate } from '../../app/router';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { agreementPaths } from './paths';

/** A new agreement with its first (draft) version. */
export function NewAgreementModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [dnr, setDnr] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');

  const submit = async () => {
    const created = await run('agreements.create', { name, version: { title, dnr, validFrom, validTo } });
    if (created) {
      onClose();
      const first = created.versions[0];
      navigate(first ? agreementPaths.version(first.id) : agreementPaths.overview());
    }
  };

  return (
    <FormModal
      onClose={onClose}
      title={t('agreements.new')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('agreements.create')}
    >
      <TextInput
        label={t('agreements.fields.name')}
        description={t('agreements.fields.nameHelp')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldErrors.name}
        required
        data-autofocus
      />
      <TextInput
        label={t('agreements.fields.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={fieldErrors['version.title']}
        required
      />
      <TextInput
        label={t('agreements.fields.dnr')}
        value={dnr}
        onChange={(e) => setDnr(e.currentTarget.value)}
        error={fieldErrors['version.dnr']}
      />
      <Group grow align="flex-start">
        <DateField
          label={t('agreements.fields.validFrom')}
          value={validFrom}
          onChange={setValidFrom}
          error={fieldErrors['version.validFrom']}
          required
        />
        <DateField
          label={t('agreements.fields.validTo')}
          value={validTo}
          onChange={setValidTo}
          error={fieldErrors['version.validTo']}
          required
        />
      </Group>
    </FormModal>
  );
}
