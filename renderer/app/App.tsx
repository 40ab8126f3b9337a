import { useEffect } from 'react';
import { AppShell, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall, useAction } from '../api/hooks';
import { navigate, useRoute } from './router';
import { routes } from './routes';
import { ActorChooser } from './ActorChooser';
import type { Language } from '../../shared/contract/system';

export function App() {
  const { t, i18n } = useTranslation();
  const [first = '', ...params] = useRoute();
  const session = useCall('session.get', {});
  const { run } = useAction();
  const language = session.data?.language;

  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language ?? 'sv';
  }, [language, i18n]);

  const route = routes.find((r) => r.path === first) ?? routes[0];
  const Page = route.component;

  const changeLanguage = async (next: string) => {
    await i18n.changeLanguage(next);
    await run('session.setLanguage', { language: next as Language });
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h3">Samråd</Title>
            {session.data?.actor && (
              <Text size="sm" c="dimmed" data-testid="current-actor">
                {t('session.workingAs', { name: session.data.actor.name })}
              </Text>
            )}
          </Group>
          <SegmentedControl
            aria-label={t('session.language')}
            value={i18n.language}
            onChange={(v) => void changeLanguage(v)}
            data={[
              { value: 'sv', label: 'Svenska' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {routes.map((r) => (
          <NavLink
            key={r.path}
            href={`#/${r.path}`}
            label={t(r.label)}
            active={r.path === route.path}
            aria-current={r.path === route.path ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate(`/${r.path}`);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Page params={params} />
      </AppShell.Main>
      {session.data && !session.data.actor && <ActorChooser osUserName={session.data.osUserName} />}
    </AppShell>
  );
}
