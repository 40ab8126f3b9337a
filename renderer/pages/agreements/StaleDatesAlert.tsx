import { Alert, List, Text } from '@mantine/core';
import { IconCalendarExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { formatPeriod } from '../../components/period';

/**
 * After a renewal: every place whose text still names the old period's dates (written out, not
 * as fields), so nobody sends the new period for signing with the old dates in it. Shown for as
 * long as such text is left.
 */
export function StaleDatesAlert({ versionId }: { versionId: number }) {
  const { t } = useTranslation();
  const stale = useCall('agreements.versions.staleDates', { id: versionId });
  const data = stale.data;
  if (!data?.predecessor || data.places.length === 0) return null;
  return (
    <Alert
      color="orange"
      // the light variant's orange title is 3.6:1 on its tint: the page's text colour reads at AA
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      icon={<IconCalendarExclamation aria-hidden />}
      title={t('agreements.staleDates.title', {
        period: formatPeriod(t, data.predecessor.validFrom, data.predecessor.validTo),
      })}
      data-testid="stale-dates"
    >
      <Text size="sm" mb={4}>
        {t('agreements.staleDates.help')}
      </Text>
      <List size="sm">
        {data.places.map((place) => (
          <List.Item key={`${place.kind}-${place.id ?? 0}`}>
            {t(`agreements.staleDates.places.${place.kind}`, { name: place.name })}:{' '}
            {place.words.map((w) => `”${w}”`).join(', ')}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
