import type { CSSProperties } from 'react';
import { Box, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './VersionTimeline.module.css';

export interface TimelineVersion {
  id: number;
  /** short name shown left of the bar, e.g. "2017–2018" or the version's title */
  label: string;
  validFrom: string;
  validTo: string;
  status: string;
}

const DAY = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Where a date sits on the axis, in percent of its width. */
function position(iso: string, start: number, end: number): number {
  return ((toTime(iso) - start) / (end - start)) * 100;
}

/**
 * Each version's validity period on a year axis, one row per version, with its status as text in
 * the bar's accessible name and as colour plus pattern. Today is marked by a red line.
 */
export function VersionTimeline({
  versions,
  today,
  onSelect,
}: {
  versions: TimelineVersion[];
  today: string;
  onSelect?(id: number): void;
}) {
  const { t } = useTranslation();
  if (versions.length === 0) return <Text c="dimmed">{t('agreements.timeline.empty')}</Text>;

  const years = versions.flatMap((v) => [Number(v.validFrom.slice(0, 4)), Number(v.validTo.slice(0, 4))]);
  const todayYear = Number(today.slice(0, 4));
  const firstYear = Math.min(...years, todayYear);
  const lastYear = Math.max(...years, todayYear);
  const start = toTime(`${firstYear}-01-01`);
  const end = toTime(`${lastYear + 1}-01-01`);
  const ticks = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const todayAt = position(today, start, end);
  const style = { '--timeline-label-width': '9rem' } as CSSProperties;

  return (
    <Box style={style} role="figure" aria-label={t('agreements.timeline.title')}>
      <div className={classes.axis} aria-hidden>
        {ticks.map((year) => (
          <span key={year} className={classes.tick} style={{ left: `${position(`${year}-01-01`, start, end)}%` }}>
            {year}
          </span>
        ))}
      </div>
      <ol className={classes.list}>
        {versions.map((v) => {
          const left = position(v.validFrom, start, end);
          const right = position(new Date(toTime(v.validTo) + DAY).toISOString().slice(0, 10), start, end);
          const status = t(`agreements.status.${v.status}`, { defaultValue: v.status });
          const name = t('agreements.timeline.bar', { label: v.label, from: v.validFrom, to: v.validTo, status });
          return (
            <li key={v.id} className={classes.row} data-testid="timeline-row">
              <span className={classes.label} title={v.label} aria-hidden>
                {v.label}
              </span>
              <div className={classes.track}>
                <UnstyledButton
                  className={`${classes.bar} ${classes[v.status] ?? ''}`}
                  style={{ left: `${left}%`, width: `${Math.max(right - left, 0.5)}%` }}
                  aria-label={name}
                  title={name}
                  onClick={() => onSelect?.(v.id)}
                >
                  <span aria-hidden>{status}</span>
                </UnstyledButton>
                {todayAt >= 0 && todayAt <= 100 && (
                  <span className={classes.today} style={{ left: `${todayAt}%` }} aria-hidden />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <Text size="xs" c="dimmed" mt={4}>
        {t('agreements.timeline.todayLegend', { date: today })}
      </Text>
    </Box>
  );
}
