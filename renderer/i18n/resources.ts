/**
 * Locale files: `locales/<lng>/<namespace>.json`, one namespace per area of the app.
 * All namespaces are merged into one translation tree, keyed by namespace name,
 * except `common`, whose keys sit at the top.
 */
export function buildResources(entries: Record<string, Record<string, unknown>>) {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const [file, content] of Object.entries(entries)) {
    const match = /locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, lng, ns] = match;
    const tree = (resources[lng] ??= { translation: {} }).translation;
    if (ns === 'common') Object.assign(tree, content);
    else tree[ns] = content;
  }
  return resources;
}
