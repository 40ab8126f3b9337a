/** Hash routes of the agreements area, in one place so links and the page switch agree. */
export const agreementPaths = {
  overview: () => '/agreements',
  version: (id: number) => `/agreements/version/${id}`,
  compare: (fromId?: number, toId?: number) => (fromId && toId ? `/agreements/compare/${fromId}/${toId}` : '/agreements/compare'),
};

/** Today as YYYY-MM-DD in the user's own time zone (the default date of a signing). */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
