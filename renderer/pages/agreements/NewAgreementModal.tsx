import { useState } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { navigate } from '../../app/router';
import { AppModal } from '../../components/AppModal';
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
    <AppModal opened onClose={onClose} title={t('agreements.new')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('agreements.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
