import type { BlockNode, InlineNode, PeriodField, PeriodFieldValues, RichTextDoc } from './richtext';

/**
 * The dates of an agreement version's period as its text writes them: fields that render the
 * version's own dates, the conversion of written-out dates into such fields, and the search for
 * text that still names another period's dates after a renewal.
 */
export interface Period {
  validFrom: string;
  validTo: string;
}

type Language = 'sv' | 'en';

const MONTHS: Record<Language, string[]> = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "2019-01-01" → "1 januari 2019" (English: "1 January 2019"), as running text writes a date. */
export function longDate(iso: string, lang: Language): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[lang][month - 1]} ${year}`;
}

export function periodFieldValues(period: Period, lang: Language): PeriodFieldValues {
  return { validFrom: longDate(period.validFrom, lang), validTo: longDate(period.validTo, lang) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way running text writes one date: "1 januari 2017", "1 January 2017", "2017-01-01". */
function spellings(iso: string): string[] {
  return [longDate(iso, 'sv'), longDate(iso, 'en'), iso];
}

function mapInline(blocks: BlockNode[], map: (nodes: InlineNode[]) => InlineNode[]): BlockNode[] {
  return blocks.map((block) => {
    if (block.type === 'paragraph') return block.content ? { ...block, content: map(block.content) } : block;
    return {
      ...block,
      content: block.content.map((item) => ({
        ...item,
        content: mapInline(item.content, map) as typeof item.content,
      })),
    };
  });
}

/**
 * The same text with every written-out date of `period` turned into the field that shows it, so a
 * renewal of older text (typed before fields existed) names its own period too. Marks stay.
 */
export function withPeriodFields(doc: RichTextDoc, period: Period): RichTextDoc {
  const byText = new Map<string, PeriodField>();
  for (const field of ['validFrom', 'validTo'] as const)
    for (const spelling of spellings(period[field])) byText.set(spelling.toLowerCase(), field);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}-])(${[...byText.keys()].map(escape).join('|')})(?![\\p{L}\\p{N}-])`,
    'giu',
  );
  const convert = (nodes: InlineNode[]): InlineNode[] =>
    nodes.flatMap((node): InlineNode[] => {
      if (node.type !== 'text') return [node];
      const out: InlineNode[] = [];
      const marks = node.marks ? { marks: node.marks } : {};
      let last = 0;
      for (const match of node.text.matchAll(pattern)) {
        if (match.index > last) out.push({ type: 'text', text: node.text.slice(last, match.index), ...marks });
        out.push({ type: 'periodField', attrs: { field: byText.get(match[0].toLowerCase())! }, ...marks });
        last = match.index + match[0].length;
      }
      if (last === 0) return [node];
      if (last < node.text.length) out.push({ type: 'text', text: node.text.slice(last), ...marks });
      return out;
    });
  return { ...doc, content: mapInline(doc.content, convert) };
}

/**
 * Words in `text` that name the dates of `old` but not `next`: its first and last day written
 * out or as ISO dates, its years as a range ("2017–2018"), and each of its years on its own.
 * A renewal lists them so nobody signs a new period whose text still speaks of the old one.
 */
export function staleDateMentions(text: string, old: Period, next: Period): string[] {
  const nextYears = new Set([next.validFrom.slice(0, 4), next.validTo.slice(0, 4)]);
  const oldYears = [...new Set([old.validFrom.slice(0, 4), old.validTo.slice(0, 4)])].filter((y) => !nextYears.has(y));
  const alternatives = [
    ...spellings(old.validFrom),
    ...spellings(old.validTo),
    `${old.validFrom.slice(0, 4)}\\s*[–—-]\\s*${old.validTo.slice(0, 4)}`,
  ]
    .map((s, i, all) => (i === all.length - 1 ? s : escape(s)))
    .concat(oldYears);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => m[0]);
}
