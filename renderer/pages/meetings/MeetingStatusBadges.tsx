import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Meeting, Protocol } from '../../../shared/contract/meetings';

type ProtocolStatus = Protocol['status'];

/** A protocol's status as a badge colour (display only). */
export const PROTOCOL_STATUS_COLOUR: Record<ProtocolStatus, string> = {
  draft: 'yellow',
  ready_for_attestation: 'blue',
  attested: 'green',
};

/** Where a meeting stands: cancelled, protocol draft / out for attestation / attested, and the attestation deadline. */
export function MeetingStatusBadges({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.stage === 'cancelled') return <Badge color="gray">{t('meetings.cancelled')}</Badge>;
  const days = meeting.daysLeftToAttest;
  return (
    <Group gap={4}>
      {!meeting.protocolStatus && (
        <Badge variant="light" color={meeting.stage === 'held' ? 'gray' : undefined}>
          {t(meeting.stage === 'held' ? 'meetings.held' : 'meetings.planned')}
        </Badge>
      )}
      {meeting.protocolStatus && (
        <Badge color={PROTOCOL_STATUS_COLOUR[meeting.protocolStatus]}>
          {t(`meetings.protocolStatuses.${meeting.protocolStatus}`)}
        </Badge>
      )}
      {meeting.paragraphRange && (
        <Badge variant="outline">
          §§ {meeting.paragraphRange[0]}–{meeting.paragraphRange[1]}
        </Badge>
      )}
      {meeting.protocolStatus && days !== null && <DaysLeftBadge days={days} />}
    </Group>
  );
}

/** Days left of the 14-day attestation deadline; red once passed, orange in the last days. */
export function DaysLeftBadge({ days }: { days: number }) {
  const { t } = useTranslation();
  const color = days < 0 ? 'red' : days <= 3 ? 'orange' : 'gray';
  return (
    <Badge color={color} variant="light">
      {days < 0 ? t('meetings.deadline.passed', { count: -days }) : t('meetings.deadline.left', { count: days })}
    </Badge>
  );
}
