import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { formatPeriod } from '../../components/period';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Says at once when nobody in the body holds a mandate on the date — no roster, no chair to
 * take by default — and extends the last roster to the proposed period in one step.
 */
export function MandateWarning({ bodyId, bodyName, date }: { bodyId: number; bodyName: string; date: string }) {
  const { t } = useTranslation();
  const valid = ISO_DATE.test(date);
  const coverage = useCall('bodies.mandates', { bodyId, date }, { skip: !valid });
  const { run, busy } = useAction();
  const c = coverage.data;
  if (!valid || !c || c.date !== date || c.membersOnDate > 0) return null;

  const extend = async () => {
    if (!c.lastEnded || !c.proposal) return;
    const done = await run('bodies.extendMandates', { bodyId, endedOn: c.lastEnded, ...c.proposal });
    if (done) {
      notifications.show({
        color: 'green',
        message: t('meetings.mandates.extended', {
          count: done.extended.length,
          body: bodyName,
          period: formatPeriod(t, c.proposal.validFrom, c.proposal.validTo),
        }),
      });
      void coverage.reload();
    }
  };

  return (
    <Alert
      color="orange"
      // the light variant's orange title is 3.6:1 on its tint: the page's text colour reads at AA
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      icon={<IconUsersGroup aria-hidden />}
      title={t('meetings.mandates.noneTitle', { body: bodyName, date })}
      data-testid="mandate-warning"
    >
      <Stack gap="xs">
        <Text size="sm">
          {c.lastEnded
            ? t('meetings.mandates.ended', { count: c.endedCount, date: c.lastEnded })
            : t('meetings.mandates.noMembers')}
        </Text>
        {c.lastEnded && c.proposal && (
          <div>
            <Button size="xs" onClick={() => void extend()} loading={busy}>
              {t('meetings.mandates.extend', { period: formatPeriod(t, c.proposal.validFrom, c.proposal.validTo) })}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
