/**
 * A moment as Swedes write it, in Swedish time: "2017-03-20 kl. 10.15" (English: "20 Mar 2017,
 * 10:15"). Timestamps cross the contract in UTC; shown raw they read an hour or two off.
 */
export function formatDateTime(iso: string, language: string, timeZone = 'Europe/Stockholm'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (language === 'en') {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(date);
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} kl. ${parts.hour}.${parts.minute}`;
}

/** A time of day as it is written: "09.00" in Swedish, "09:00" in English. */
export function formatTimeOfDay(hhmm: string, language: string): string {
  return language === 'en' ? hhmm : hhmm.replace(':', '.');
}

/** A calendar date, with its time of day when there is one: "2017-03-14 kl. 09.00". */
export function formatDateAndTime(date: string, time: string | null, language: string): string {
  if (!time) return date;
  return language === 'en' ? `${date}, ${time}` : `${date} kl. ${formatTimeOfDay(time, language)}`;
}
