import { diffWordsWithSpace } from 'diff';
import type { Ctx } from '../context';
import { richTextToLines } from '../../../shared/richtext';
import { periodFieldValues } from '../../../shared/period-dates';
import type { DocumentLanguage } from '../../../shared/contract/common';
import type { Redline, RedlineBlock, Segment, VersionDetail } from '../../../shared/contract/agreements';
import { getVersion, getVersionSummary } from './read';

/**
 * Word-level differences from `before` to `after`. Whitespace counts as tokens, so the equal
 * and deleted segments put together give back `before` exactly, and the equal and inserted
 * ones give `after` (line breaks included). A change spanning several words reads as one
 * deletion followed by one insertion: the bare spaces between changed words join the change
 * instead of splitting it into many small pieces.
 */
export function wordDiff(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ kind: 'equal', text: before }] : [];
  const changes = diffWordsWithSpace(before, after);
  const segments: Segment[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) segments.push({ kind: 'delete', text: deleted });
    if (inserted) segments.push({ kind: 'insert', text: inserted });
    deleted = inserted = '';
  };
  changes.forEach((change, index) => {
    if (change.removed) deleted += change.value;
    else if (change.added) inserted += change.value;
    else {
      const between = index > 0 && index < changes.length - 1 && (deleted || inserted) && /^[ \t]+$/.test(change.value);
      const next = changes[index + 1];
      if (between && next && (next.added || next.removed)) {
        deleted += change.value;
        inserted += change.value;
        return;
      }
      flush();
      const last = segments.at(-1);
      if (last && last.kind === 'equal') last.text += change.value;
      else segments.push({ kind: 'equal', text: change.value });
    }
  });
  flush();
  return segments;
}

/** Text of one item as a reader sees it, for comparison. */
interface Comparable {
  key: string;
  position: number;
  heading: string;
  body: string;
}

/**
 * Matches items by their stable key and diffs heading and body. The result follows the newer
 * version's order; an item only in the older one is placed after the item it followed there.
 */
export function compareBlocks(older: Comparable[], newer: Comparable[]): RedlineBlock[] {
  const oldByKey = new Map(older.map((item) => [item.key, item]));
  const newKeys = new Set(newer.map((item) => item.key));
  const blocks: RedlineBlock[] = newer.map((item) => {
    const was = oldByKey.get(item.key);
    if (!was) {
      return {
        key: item.key,
        change: 'added',
        fromPosition: null,
        toPosition: item.position,
        heading: wordDiff('', item.heading),
        body: wordDiff('', item.body),
      };
    }
    const heading = wordDiff(was.heading, item.heading);
    const body = wordDiff(was.body, item.body);
    const changed = [...heading, ...body].some((s) => s.kind !== 'equal');
    return {
      key: item.key,
      change: changed ? 'changed' : 'unchanged',
      fromPosition: was.position,
      toPosition: item.position,
      heading,
      body,
    };
  });
  older.forEach((item, index) => {
    if (newKeys.has(item.key)) return;
    const removed: RedlineBlock = {
      key: item.key,
      change: 'removed',
      fromPosition: item.position,
      toPosition: null,
      heading: wordDiff(item.heading, ''),
      body: wordDiff(item.body, ''),
    };
    // after the nearest earlier item of the older version that is already placed
    let at = 0;
    for (let i = index - 1; i >= 0; i--) {
      const placed = blocks.findIndex((b) => b.key === older[i].key);
      if (placed >= 0) {
        at = placed + 1;
        break;
      }
    }
    blocks.splice(at, 0, removed);
  });
  return blocks;
}

/** Each section as it reads in `lang`: period fields show the version's own dates. */
export const sectionText = (v: VersionDetail, lang: DocumentLanguage): Comparable[] => {
  const fields = periodFieldValues(v, lang);
  return v.sections.map((s) => ({
    key: s.key,
    position: s.position,
    heading: s.heading,
    body: richTextToLines(s.body, fields).join('\n'),
  }));
};

export const priorityText = (v: VersionDetail): Comparable[] =>
  v.priorities.map((p) => ({
    key: p.key,
    position: p.position,
    heading: p.title,
    body: [
      p.description ?? '',
      [p.source, p.sourceDate].filter(Boolean).join(' '),
      p.responsible.map((r) => r.organisationName).join(', '),
    ]
      .filter(Boolean)
      .join('\n'),
  }));

const partiesText = (v: VersionDetail) =>
  v.parties
    .map((p) => `${p.organisationName}: ${p.signatoryName}${p.signatoryTitle ? `, ${p.signatoryTitle}` : ''}`)
    .join('\n');

export function compareVersions(ctx: Ctx, fromId: number, toId: number, lang: DocumentLanguage): Redline {
  const from = getVersion(ctx, fromId);
  const to = getVersion(ctx, toId);
  const field = (name: Redline['fields'][number]['field'], before: string, after: string) => {
    const segments = wordDiff(before, after);
    return { field: name, changed: segments.some((s) => s.kind !== 'equal'), segments };
  };
  return {
    from: getVersionSummary(ctx, fromId),
    to: getVersionSummary(ctx, toId),
    fields: [
      field('title', from.title, to.title),
      field('dnr', from.dnr ?? '', to.dnr ?? ''),
      field('period', `${from.validFrom} – ${from.validTo}`, `${to.validFrom} – ${to.validTo}`),
      field('parties', partiesText(from), partiesText(to)),
    ],
    sections: compareBlocks(sectionText(from, lang), sectionText(to, lang)),
    priorities: compareBlocks(priorityText(from), priorityText(to)),
  };
}
