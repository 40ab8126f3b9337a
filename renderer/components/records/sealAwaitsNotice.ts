import { useCallback } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Protocol } from '../../../shared/contract/meetings';

/** Whether the seal of what an act on a protocol completed (the protocol, or one § attested at once) waits for its timestamp. */
export const protocolSealAwaits = (protocol: Protocol, paragraphId?: number | null): boolean =>
  paragraphId == null
    ? protocol.sealAwaitsTimestamp
    : protocol.paragraphs.some((p) => p.id === paragraphId && p.sealAwaitsTimestamp);

/**
 * Tells the user, as an attestation or signing succeeds, that the organisation's seal of the
 * record it completed still waits for its trusted timestamp: the act's answer says so.
 */
export function useSealAwaitsNotice(): (awaits: boolean) => void {
  const { t } = useTranslation();
  return useCallback(
    (awaits: boolean) => {
      if (awaits)
        notifications.show({
          color: 'yellow',
          title: t('records.sealAwaitsAfterActTitle'),
          message: t('records.sealAwaitsAfterAct'),
          // longer than a passing toast: it is read beside the act's result, then goes
          autoClose: 15_000,
        });
    },
    [t],
  );
}
