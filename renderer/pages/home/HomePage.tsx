import { useState } from 'react';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm';
import { DeskPanel } from './DeskPanel';

function CountCard({
  label,
  count,
  href,
  linkLabel,
}: {
  label: string;
  count: number | undefined;
  href: string;
  linkLabel: string;
}) {
  return (
    <Card withBorder>
      <Stack gap={4}>
        <Title order={3} size="h5" c="dimmed">
          {label}
        </Title>
        <Text fz={32} fw={700} lh={1} data-testid={`count-${href.replace(/^#\//, '')}`}>
          {count ?? '–'}
        </Text>
        <Anchor href={href} size="sm">
          {linkLabel}
        </Anchor>
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const status = useCall('example.status', {});
  const organisations = useCall('organisations.list', { limit: 1 }, { entities: ['organisation'] });
  const people = useCall('people.list', { limit: 1 });
  const bodies = useCall('bodies.list', { limit: 1 }, { entities: ['body'] });
  const { run, busy } = useAction();
  const [asking, setAsking] = useState(false);

  const load = async (confirmed: boolean) => {
    const result = await run('example.load', { confirmed });
    if (result) notifications.show({ color: 'green', message: t('home.exampleLoaded') });
    setAsking(false);
  };
  const loadButton = (
    <Button w="fit-content" loading={busy} onClick={() => (status.data?.hasData ? setAsking(true) : void load(false))}>
      {t('home.loadExample')}
    </Button>
  );
  const isNew = status.data && !status.data.hasData;

  return (
    <Stack>
      <Title order={2}>{t('home.title')}</Title>
      {isNew && (
        <Card withBorder data-testid="welcome">
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('home.welcomeTitle')}
            </Title>
            <Text size="sm">{t('home.welcomeText')}</Text>
            <Group>
              {loadButton}
              <Button variant="default" component="a" href="#/organisations">
                {t('home.startOwn')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {status.data?.hasData && <DeskPanel />}
      {status.data?.hasData && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <CountCard
            label={t('nav.organisations')}
            count={organisations.data?.total}
            href="#/organisations"
            linkLabel={t('home.showOrganisations')}
          />
          <CountCard
            label={t('nav.people')}
            count={people.data?.total}
            href="#/people"
            linkLabel={t('home.showPeople')}
          />
          <CountCard
            label={t('nav.bodies')}
            count={bodies.data?.total}
            href="#/bodies"
            linkLabel={t('home.showBodies')}
          />
        </SimpleGrid>
      )}
      {status.data?.hasData && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('home.exampleTitle')}
            </Title>
            <Text size="sm">{t('home.exampleHelp')}</Text>
            {loadButton}
          </Stack>
        </Card>
      )}
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
