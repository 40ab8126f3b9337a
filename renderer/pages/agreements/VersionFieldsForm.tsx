import { useEffect, useState } from 'react';
import { Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';

/** Title, dnr and validity period of a version (saved with a button: a period is checked as a whole). */
export function VersionFieldsForm({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const stored = {
    title: version.title,
    dnr: version.dnr ?? '',
    validFrom: version.validFrom,
    validTo: version.validTo,
  };
  const [value, setValue] = useState(stored);
  const errors = useFieldErrors(fieldErrors, value);
  const storedKey = JSON.stringify(stored);
  useEffect(() => setValue(JSON.parse(storedKey) as typeof stored), [storedKey]);
  const set = (patch: Partial<typeof stored>) => setValue((v) => ({ ...v, ...patch }));
  const readOnly = !version.editable;
  const changed = JSON.stringify(value) !== storedKey;

  const save = async () => {
    const saved = await run('agreements.versions.update', { id: version.id, fields: value });
    if (saved) notifications.show({ color: 'green', message: t('agreements.savedFields') });
  };

  return (
    <Card withBorder component="section" aria-labelledby="version-fields">
      <Title order={3} size="h5" id="version-fields" mb="sm">
        {t('agreements.fields.heading')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <TextInput
            label={t('agreements.fields.title')}
            value={value.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.title}
            readOnly={readOnly}
            required
          />
          <TextInput
            label={t('agreements.fields.dnr')}
            value={value.dnr}
            onChange={(e) => set({ dnr: e.currentTarget.value })}
            error={errors.dnr}
            readOnly={readOnly}
          />
          <Group grow align="flex-start">
            <DateField
              label={t('agreements.fields.validFrom')}
              value={value.validFrom}
              onChange={(validFrom) => set({ validFrom })}
              error={errors.validFrom}
              readOnly={readOnly}
              required
            />
            <DateField
              label={t('agreements.fields.validTo')}
              value={value.validTo}
              onChange={(validTo) => set({ validTo })}
              error={errors.validTo}
              readOnly={readOnly}
              required
            />
          </Group>
          {!readOnly && (
            <Group justify="flex-end">
              <Button
                variant="default"
                disabled={!changed}
                onClick={() => setValue(JSON.parse(storedKey) as typeof stored)}
              >
                {t('agreements.undoChanges')}
              </Button>
              <Button type="submit" loading={busy} disabled={!changed}>
                {t('actions.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
