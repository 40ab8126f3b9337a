import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';

/** Where signatures ask for trusted time (RFC 3161): one address for the database, or none. */
export function TimestampSettings() {
  const { t } = useTranslation();
  const settings = useCall('timestamps.settings', {});
  const { run, fieldErrors, busy } = useAction();
  const [url, setUrl] = useState('');
  const current = settings.data?.tsaUrl ?? null;
  useEffect(() => setUrl(current ?? ''), [current]);

  const save = async (tsaUrl: string | null) => {
    const saved = await run('timestamps.setAuthority', { tsaUrl });
    if (!saved) return;
    await settings.reload();
    notifications.show({
      color: 'green',
      message: saved.tsaUrl ? t('signing.timestamps.saved', { url: saved.tsaUrl }) : t('signing.timestamps.cleared'),
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timestamps-heading">
      <Stack gap="xs">
        <Title order={3} size="h5" id="timestamps-heading">
          {t('signing.timestamps.title')}
        </Title>
        <Text size="sm">{t('signing.timestamps.intro')}</Text>
        <Text size="sm" fw={500} data-testid="tsa-current">
          {current ? t('signing.timestamps.current', { url: current }) : t('signing.timestamps.none')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(url.trim() === '' ? null : url.trim());
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('signing.timestamps.url')}
              description={t('signing.timestamps.urlHelp')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={fieldErrors.tsaUrl}
              style={{ flex: 1 }}
              inputMode="url"
            />
            <Button type="submit" loading={busy}>
              {t('signing.timestamps.save')}
            </Button>
            {current && (
              <Button variant="default" onClick={() => void save(null)} disabled={busy}>
                {t('signing.timestamps.clear')}
              </Button>
            )}
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
