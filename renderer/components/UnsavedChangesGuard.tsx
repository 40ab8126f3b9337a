import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import { ConfirmDialog } from './confirm';

/**
 * While `when` is true, leaving the page asks first, so edits that are saved only as a whole
 * (with one Save button) are never dropped without a word. Pages are hash links (`#/…`), so one
 * click listener, in the capture phase before the link acts, covers the navigation, back links
 * and links in lists alike.
 *
 * Reload and close: in browser mode the browser's own "leave site?" question comes up; in the
 * desktop app the main process asks (electron/main/unsaved-changes.ts).
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    if (!when) return;
    const onClick = (event: MouseEvent) => {
      // a modified click opens a new tab or window: this page stays
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
      const href = link?.getAttribute('href');
      if (!href || href === window.location.hash) return;
      // some links navigate in their own onClick (the main menu): keep the click from reaching them
      event.preventDefault();
      event.stopPropagation();
      setTarget(href);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // older Chromium asks only when returnValue is set
      event.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [when]);

  return (
    <ConfirmDialog
      opened={target !== null}
      title={t('unsaved.title')}
      message={t('unsaved.message')}
      confirmLabel={t('unsaved.leave')}
      danger
      onCancel={() => setTarget(null)}
      onConfirm={() => {
        const to = target;
        setTarget(null);
        if (to) navigate(to.slice(1));
      }}
    />
  );
}
