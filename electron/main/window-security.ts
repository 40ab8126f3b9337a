import { session, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Every web contents shows our app:// content and nothing else: no navigation away (links, drag and
 * drop, location changes), no new windows, no webviews, no permissions (camera, notifications,
 * …). Refusals are logged so a test, or a person, can see them.
 */
export function lockDownContents(contents: WebContents, log: (line: string) => void = console.warn): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`[samrad] refused navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`[samrad] refused redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[samrad] refused a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`[samrad] refused a new window for ${url}`);
    return { action: 'deny' };
  });
}

export function denyPermissions(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`[samrad] refused permission ${permission}`);
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}
