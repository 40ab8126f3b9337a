import { useCallback, type ReactNode } from 'react';
import { Button, Group, Stack, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from './AppModal';

export interface FormModalProps {
  title: ReactNode;
  /**
   * Cancel, Escape, the close button and a click outside. Without it the dialog has no way out
   * but submitting: a choice the app cannot go on without (who is using it).
   */
  onClose?(): void;
  /** Enter in a field and the submit button both land here; the browser's own validation is off, the backend's counts. */
  onSubmit(): unknown;
  busy: boolean;
  /** defaults to "Spara" / "Save" */
  submitLabel?: string;
  submitDisabled?: boolean;
  /** a submit that cannot be undone is red */
  danger?: boolean;
  /** what went wrong that no field shows, right above the buttons */
  error?: ReactNode;
  size?: ModalProps['size'];
  children: ReactNode;
}

/** What the dialog focuses when it opens: the field marked `data-autofocus`, else the first one. */
const FIRST_FIELD =
  'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])';

/**
 * The one shape of a dialog that edits something: a form whose fields are stacked above a
 * Cancel/Save row. Mantine's focus trap focuses the element marked `data-autofocus`; when a form
 * marks none, the first field is marked as the form mounts, so the keyboard starts in the form
 * and not on the close button.
 */
export function FormModal({
  title,
  onClose,
  onSubmit,
  busy,
  submitLabel,
  submitDisabled,
  danger,
  error,
  size,
  children,
}: FormModalProps) {
  const { t } = useTranslation();
  const markFirstField = useCallback((form: HTMLFormElement | null) => {
    if (!form || form.querySelector('[data-autofocus]')) return;
    form.querySelector(FIRST_FIELD)?.setAttribute('data-autofocus', '');
  }, []);
  const closable = onClose !== undefined;
  return (
    <AppModal
      opened
      onClose={() => onClose?.()}
      withCloseButton={closable}
      closeOnEscape={closable}
      closeOnClickOutside={closable}
      size={size}
      title={title}
    >
      <form
        ref={markFirstField}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack>
          {children}
          {error}
          <Group justify="flex-end">
            {closable && (
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
            )}
            <Button type="submit" color={danger ? 'red' : undefined} loading={busy} disabled={submitDisabled}>
              {submitLabel ?? t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
