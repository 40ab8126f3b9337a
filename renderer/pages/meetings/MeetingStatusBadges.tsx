import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/contract/meetings';

/** Where a meeting stands: cancelled, protocol draft / out for attestation / attested, and the attestation deadline. */
export function MeetingStatusBadges({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.status === 'cancelled') return <Badge color="gray">{t('meetings.cancelled')}</Badge>;
  const days = meeting.daysLeftToAttest;
  return (
    <Group gap={4}>
      {meeting.protocolStatus === null && (
        <Badge variant="light" color={meeting.stage === 'held' ? 'gray' : undefined}>
          {t(meeting.stage === 'held' ? 'meetings.held' : 'meetings.planned')}
        </Badge>
      )}
      {meeting.protocolStatus && (
        <Badge
          color={
            meeting.protocolStatus === 'attested' ? 'green' : meeting.protocolStatus === 'draft' ? 'yellow' : 'blue'
          }
        >
          {t(`meetings.protocolStatuses.${meeting.protocolStatus}`)}
        </Badge>
      )}
      {meeting.paragraphRange && (
        <Badge variant="outline">
          §§ {meeting.paragraphRange[0]}–{meeting.paragraphRange[1]}
        </Badge>
      )}
      {meeting.protocolStatus && meeting.protocolStatus !== 'attested' && days !== null && (
        <DaysLeftBadge days={days} />
      )}
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
