import { useEffect, useRef } from 'react';
import { Drawer, Modal, type DrawerProps, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine returns focus to the opener when a dialog closes, but not when the dialog is
 * unmounted at once (forms rendered as `{editing && <Form/>}`); focus then falls to <body>
 * and a keyboard user starts over at the top. Remember the opener and go back to it.
 */
function useReturnFocusOnUnmount(opened: boolean) {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpened = useRef(false);
  if (opened && !wasOpened.current && typeof document !== 'undefined')
    opener.current = document.activeElement as HTMLElement | null;
  wasOpened.current = opened;
  useEffect(
    () => () => {
      const target = opener.current;
      if (!wasOpened.current || !target) return;
      requestAnimationFrame(() => {
        const lost = !document.activeElement || document.activeElement === document.body;
        if (lost && target.isConnected) target.focus();
      });
    },
    [],
  );
}

/**
 * Mantine's close button is an icon without a name; screen readers would announce only
 * "button". Every dialog in the app goes through these wrappers so the button is named
 * in the user's language ("Stäng dialogen" / "Close dialog").
 */
export function AppModal({ closeButtonProps, ...props }: ModalProps) {
  const { t } = useTranslation();
  useReturnFocusOnUnmount(props.opened);
  return <Modal {...props} closeButtonProps={{ 'aria-label': t('actions.closeDialog'), ...closeButtonProps }} />;
}

export function AppDrawer({ closeButtonProps, ...props }: DrawerProps) {
  const { t } = useTranslation();
  useReturnFocusOnUnmount(props.opened);
  return <Drawer {...props} closeButtonProps={{ 'aria-label': t('actions.closeDialog'), ...closeButtonProps }} />;
}
