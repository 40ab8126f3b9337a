import { Drawer, Modal, type DrawerProps, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's close button is an icon without a name; screen readers would announce only
 * "button". Every dialog in the app goes through these wrappers so the button is named
 * in the user's language ("Stäng dialogen" / "Close dialog").
 */
export function AppModal({ closeButtonProps, ...props }: ModalProps) {
  const { t } = useTranslation();
  return <Modal {...props} closeButtonProps={{ 'aria-label': t('actions.closeDialog'), ...closeButtonProps }} />;
}

export function AppDrawer({ closeButtonProps, ...props }: DrawerProps) {
  const { t } = useTranslation();
  return <Drawer {...props} closeButtonProps={{ 'aria-label': t('actions.closeDialog'), ...closeButtonProps }} />;
}
