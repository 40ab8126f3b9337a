import type { Ctx } from '../../context';
import { fieldError } from '../../../../shared/errors';
import { getSetting, putSetting } from '../../session/settings';

const KEY = 'tsa_url';

/** The time-stamping authority signatures ask for a timestamp, kept in the database; null when none is set. */
export function tsaUrlOf(ctx: Ctx): string | null {
  return getSetting(ctx.db, KEY) || null;
}

/** An http(s) URL with a host and no credentials: a TSA is asked over plain HTTP POST (RFC 3161 §3.4). */
export function checkTsaUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fieldError('tsaUrl', 'signing.validation.tsa_url', `Not a URL: ${url}`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password)
    throw fieldError('tsaUrl', 'signing.validation.tsa_url', `Not an http(s) URL without credentials: ${url}`);
  return parsed.toString();
}

/** Sets (or with null clears) the TSA. Preferences are not records: not audited, like the time zone. */
export function setTsaUrl(ctx: Ctx, url: string | null): { tsaUrl: string | null } {
  if (url === null) ctx.db.prepare('DELETE FROM setting WHERE key = ?').run(KEY);
  else putSetting(ctx.db, KEY, checkTsaUrl(url));
  ctx.emit('data.changed', { entity: 'session' });
  return { tsaUrl: tsaUrlOf(ctx) };
}
