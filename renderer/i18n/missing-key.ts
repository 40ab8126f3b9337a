/** How a missing translation is reported on the console (the Playwright scan of the Swedish pages listens for it). */
export const MISSING_KEY_MARK = 'Samråd: missing translation';

/**
 * i18next's missingKeyHandler: a key with a text in no language shows as the key itself, a bug,
 * so it is said where developers and tests look. A caller that gives a default asks on purpose.
 */
export function reportMissingKey(
  _languages: readonly string[],
  _namespace: string,
  key: string,
  _fallback: string,
  _update: boolean,
  options: { defaultValue?: unknown } | undefined,
): void {
  if (options?.defaultValue === undefined) console.error(`${MISSING_KEY_MARK} ${key}`);
}
