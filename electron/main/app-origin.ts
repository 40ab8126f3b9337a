/**
 * The desktop app's content comes from `app://samrad/…`, never from file:// or the network.
 * One place for the scheme and host, so the protocol handler and the IPC check agree.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'samrad';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for a URL of our own app content (used to check IPC senders and navigation). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
