import type { Ctx } from '../context';
import type { StaleDates } from '../../../shared/contract/agreements';
import { periodFieldValues, staleDateMentions } from '../../../shared/period-dates';
import { richTextToLines } from '../../../shared/richtext';
import { getVersion, getVersionSummary } from './read';

/**
 * Where a version's text still names its predecessor's period (a renewal whose text was copied):
 * the title, each section (heading and text, fields shown with the version's own dates) and each
 * priority. Fields never count: they already show the version's own period.
 */
export function staleDates(ctx: Ctx, versionId: number): StaleDates {
  const v = getVersion(ctx, versionId);
  if (v.predecessorId === null) return { predecessor: null, places: [] };
  const before = getVersionSummary(ctx, v.predecessorId);
  const old = { validFrom: before.validFrom, validTo: before.validTo };
  const own = { validFrom: v.validFrom, validTo: v.validTo };
  const find = (text: string) => staleDateMentions(text, old, own);
  const fields = periodFieldValues(own, 'sv');
  const places: StaleDates['places'] = [
    { kind: 'title' as const, id: null, name: v.title, words: find(v.title) },
    ...v.sections.map((s) => ({
      kind: 'section' as const,
      id: s.id,
      name: s.heading,
      words: find([s.heading, ...richTextToLines(s.body, fields)].join('\n')),
    })),
    ...v.priorities.map((p) => ({
      kind: 'priority' as const,
      id: p.id,
      name: p.title,
      words: find([p.title, p.description ?? ''].join('\n')),
    })),
  ].filter((place) => place.words.length > 0);
  return { predecessor: old, places };
}
