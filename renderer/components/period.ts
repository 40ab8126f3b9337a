import type { TFunction } from 'i18next';

/** "2017-01-01 – 2018-12-31", "från 2016-01-01", "till 2018-12-31", or '' when open at both ends. */
export function formatPeriod(t: TFunction, from: string | null, to: string | null): string {
  if (from && to) return `${from} – ${to}`;
  if (from) return t('dates.since', { date: from });
  if (to) return t('dates.until', { date: to });
  return '';
}
