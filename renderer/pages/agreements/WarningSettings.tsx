import { useEffect, useState } from 'react';
import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';

/** How many days before a period ends the overview starts warning (default 120). */
export function WarningSettings({ warningDays }: { warningDays: number }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState<number | string>(warningDays);
  useEffect(() => setValue(warningDays), [warningDays]);

  const save = async () => {
    const saved = await run('agreements.updateSettings', {
      warningDays: typeof value === 'number' ? value : Number.NaN,
    });
    if (saved) notifications.show({ color: 'green', message: t('agreements.settings.saved') });
  };

  return (
    <Card withBorder component="section" aria-labelledby="agreement-settings">
      <Stack gap="xs">
        <Title order={3} size="h5" id="agreement-settings">
          {t('agreements.settings.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('agreements.settings.help')}
        </Text>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Group align="flex-end">
            <NumberInput
              label={t('agreements.settings.warningDays')}
              value={value}
              onChange={setValue}
              min={0}
              max={3650}
              allowDecimal={false}
              error={fieldErrors.warningDays}
              w={220}
            />
            <Button type="submit" variant="light" loading={busy} disabled={value === warningDays}>
              {t('actions.save')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
