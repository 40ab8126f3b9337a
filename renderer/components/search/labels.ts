import type { TFunction } from 'i18next';
import type { SearchHit } from '../../../shared/contract/search';

/** The line under a hit's title: where it belongs ("Chefssamrådet · 2017-03-14 · § 12"). */
export function whereLine(t: TFunction, hit: SearchHit): string {
  const c = hit.context;
  const parts: string[] = [t(`search.kind.${hit.kind}`)];
  if (c.bodyName) parts.push(c.bodyName);
  if (c.versionTitle) parts.push(c.versionTitle);
  if (hit.kind === 'version' && hit.dateFrom && hit.dateTo)
    parts.push(t('search.validity', { from: hit.dateFrom, to: hit.dateTo }));
  else if (hit.dateFrom && hit.kind !== 'meeting') parts.push(hit.dateFrom);
  if (c.paragraphNumber !== null && hit.kind !== 'paragraph')
    parts.push(t('search.paragraphIn', { number: c.paragraphNumber }));
  if (c.organisationName) parts.push(c.organisationName);
  if (hit.status) parts.push(t(`search.status.${hit.status}`));
  return parts.join(' · ');
}

/** A hit's title as shown: a § with its number, a correction (which has no title) by its kind. */
export function titleOf(t: TFunction, hit: SearchHit): { prefix: string; text: string } {
  if (hit.kind === 'paragraph' && hit.context.paragraphNumber !== null)
    return { prefix: `§ ${hit.context.paragraphNumber} `, text: hit.title ?? '' };
  if (hit.title === null) return { prefix: t('search.untitledCorrection'), text: '' };
  return { prefix: '', text: hit.title };
}
