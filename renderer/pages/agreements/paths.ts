import { todayIso } from '../meetings/localDate';

/** Hash routes of the agreements area, in one place so links and the page switch agree. */
export const agreementPaths = {
  overview: () => '/agreements',
  version: (id: number) => `/agreements/version/${id}`,
  compare: (fromId?: number, toId?: number) =>
    fromId && toId ? `/agreements/compare/${fromId}/${toId}` : '/agreements/compare',
};

/** Today as YYYY-MM-DD in the app's zone, as the backend's date rules see it (the default date of a signing). */
export function localToday(): string {
  return todayIso();
}
