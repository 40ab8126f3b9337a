import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, Notification, mergeThemeOverrides, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { App } from './app/App';
import { cssVariablesResolver, theme } from './components/theme';

/** The theme carries translated defaults (a notification's close button needs a name), so it follows the language. */
function Root() {
  const { t } = useTranslation();
  const translatedTheme = useMemo(
    () =>
      mergeThemeOverrides(
        theme,
        createTheme({
          components: {
            Notification: Notification.extend({
              defaultProps: { closeButtonProps: { 'aria-label': t('actions.closeNotification') } },
            }),
          },
        }),
      ),
    [t],
  );
  return (
    <MantineProvider theme={translatedTheme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <App />
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
