import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../AppModal';
import { useErrorText } from '../../api/hooks';
import type { ErrorBody } from '../../../shared/errors';

/** A signing the TSA could not timestamp, waiting for the user's choice. */
export interface TimestampFailure {
  error: ErrorBody;
  signWithout(): void;
}

/** Takes a TIMESTAMP_FAILED error off `useAction().run` into a pending choice; other errors go on as usual. */
export function takeTimestampFailure(
  set: (failure: TimestampFailure) => void,
  signWithout: () => void,
): (error: ErrorBody) => boolean {
  return (error) => {
    if (error.code !== 'TIMESTAMP_FAILED') return false;
    set({ error, signWithout });
    return true;
  };
}

/**
 * The time-stamping service failed: say what happened and let the user choose to sign without a
 * timestamp (the signature then says so) or to try again later (nothing was signed).
 */
export function TimestampFailedDialog({ failure, onClose }: { failure: TimestampFailure; onClose(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <AppModal opened onClose={onClose} title={t('signing.timestampFailed.title')}>
      <Stack>
        <Text role="alert">{errorText(failure.error)}</Text>
        <Text size="sm" c="dimmed">
          {t('signing.timestampFailed.withoutExplained')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('signing.timestampFailed.later')}
          </Button>
          <Button
            onClick={() => {
              onClose();
              failure.signWithout();
            }}
          >
            {t('signing.timestampFailed.signWithout')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
