import { useEffect, useState } from 'react';
import { AppShell, Button, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall, useAction } from '../api/hooks';
import { navigate, useRoute } from './router';
import { routes } from './routes';
import { ActorChooser } from './ActorChooser';
import { SkipLink } from '../components/SkipLink';
import { HeaderSearch } from '../components/search/HeaderSearch';
import type { Language } from '../../shared/contract/system';
import { setAppTimeZone } from '../pages/meetings/localDate';
import { notifications } from '@mantine/notifications';
import { subscribe } from '../api/client';
import { resendUnsaved } from '../components/autosave/autosaver';
import { DatabaseRecovery } from '../components/recovery/DatabaseRecovery';

const MAIN_ID = 'main-content';

export function App() {
  const { t, i18n } = useTranslation();
  const [first = '', ...params] = useRoute();
  // the whole app re-renders with the session: only the session's settings and the actor's name change it
  const session = useCall('session.get', {}, { entities: ['session', 'person'] });
  const { run } = useAction();
  const language = session.data?.language;
  const [changingActor, setChangingActor] = useState(false);

  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  // every "today" in the renderer uses the backend's zone (Europe/Stockholm unless set)
  setAppTimeZone(session.data?.timeZone);

  // a damaged database: every page gives way to the way back (restore a backup)
  const database = useCall('database.status', {}, { entities: ['database'] });
  const damaged = database.data?.state === 'damaged' ? database.data : null;

  // desktop: the backend process died and a new one runs; say so and re-send unsaved text
  useEffect(
    () =>
      subscribe('backend.restarted', () => {
        notifications.show({
          color: 'yellow',
          title: t('errors.title'),
          message: t('recovery.restarted'),
          autoClose: 10_000,
        });
        void resendUnsaved();
      }),
    [t],
  );

  // the page's language follows the UI's, so screen readers pronounce it right
  useEffect(() => {
    const sync = (lng: string) => (document.documentElement.lang = lng);
    sync(i18n.language);
    i18n.on('languageChanged', sync);
    return () => i18n.off('languageChanged', sync);
  }, [i18n]);

  const route = routes.find((r) => r.path === first) ?? routes[0];
  const Page = route.component;

  useEffect(() => {
    document.title = `${t(route.label)} – Samråd`;
  }, [route.label, t]);

  const changeLanguage = async (next: string) => {
    await i18n.changeLanguage(next);
    await run('session.setLanguage', { language: next as Language });
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <SkipLink targetId={MAIN_ID} />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h3">
              Samråd
            </Title>
          </Group>
          <HeaderSearch />
          <Group gap="sm">
            {session.data?.actor && (
              <>
                <Text size="sm" c="dimmed" data-testid="current-actor">
                  {t('session.workingAs', { name: session.data.actor.name })}
                </Text>
                <Button size="compact-sm" variant="subtle" onClick={() => setChangingActor(true)}>
                  {t('session.change')}
                </Button>
              </>
            )}
            <SegmentedControl
              aria-label={t('session.language')}
              value={i18n.language}
              onChange={(v) => void changeLanguage(v)}
              data={[
                { value: 'sv', label: <span lang="sv">Svenska</span> },
                { value: 'en', label: <span lang="en">English</span> },
              ]}
            />
          </Group>
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
      <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        {damaged ? (
          <DatabaseRecovery status={damaged} onRestored={() => void database.reload()} />
        ) : (
          <Page params={params} />
        )}
      </AppShell.Main>
      {session.data && !session.data.actor && <ActorChooser osUserName={session.data.osUserName} />}
      {session.data && changingActor && (
        <ActorChooser
          osUserName={session.data.osUserName}
          current={session.data.actor}
          onClose={() => setChangingActor(false)}
        />
      )}
    </AppShell>
  );
}
