import { useState } from 'react';
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm';

export function HomePage() {
  const { t } = useTranslation();
  const status = useCall('example.status', {});
  const { run, busy } = useAction();
  const [asking, setAsking] = useState(false);

  const load = async (confirmed: boolean) => {
    const result = await run('example.load', { confirmed });
    if (result) notifications.show({ color: 'green', message: t('home.exampleLoaded') });
    setAsking(false);
  };

  return (
    <Stack>
      <Title order={2}>{t('home.title')}</Title>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3} size="h4">{t('home.exampleTitle')}</Title>
          <Text size="sm">{t('home.exampleHelp')}</Text>
          <Button w="fit-content" loading={busy} onClick={() => (status.data?.hasData ? setAsking(true) : void load(false))}>
            {t('home.loadExample')}
          </Button>
        </Stack>
      </Card>
      <ConfirmDialog
        opened={asking}
        title={t('home.exampleConfirmTitle')}
        message={t('home.exampleConfirmMessage')}
        confirmLabel={t('home.exampleConfirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => load(true)}
      />
    </Stack>
  );
}
