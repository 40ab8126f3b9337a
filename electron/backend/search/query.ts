/**
 * Turns what a person types into FTS5 MATCH expressions, never passing their text through as
 * syntax: every piece goes inside double quotes, so `OR`, `NOT`, `*`, `^`, `:`, `(`, `-` and
 * unbalanced quotes are just text and no query can be a syntax error.
 *
 * How a piece is matched, chosen for Swedish:
 *  - a word of 3+ letters: as a substring — found as a whole word, as a prefix ("trygg" →
 *    "trygghet") and as part of a compound ("inbrott" → "bostadsinbrott", "bränder" →
 *    "fordonsbränder"). The whole word comes from the word index (`word`); prefixes and parts
 *    of compounds from the trigram index (`trigram`), which finds the records holding a few of
 *    its rarer trigrams, after which the search checks the word itself occurs (`termPatterns`);
 *  - a shorter word, or a number: as a prefix in the word index (trigrams need 3 characters;
 *    "2017" as a substring would also hit "12017");
 *  - a word with inner punctuation ("2017/123", "Lars-Göran"): as a phrase in the word index;
 *  - "a quoted phrase": its words in order, exactly, in the word index;
 *  - a whole query shaped like a dnr ("KS 2017/123"): one exact phrase, so it never matches
 *    "KS 2017/1234" or a text that merely contains "KS" and "2017".
 * Case folds; å, ä and ö are letters of their own (remove_diacritics 0, and no folding here).
 */

export type Term =
  | { type: 'substring'; text: string }
  | { type: 'prefix'; text: string }
  | { type: 'phrase'; tokens: string[]; prefixLast: boolean };

export interface ParsedQuery {
  terms: Term[];
  /** MATCH expression for the trigram index (a few trigrams of each substring term), or null when no term needs it */
  trigram: string | null;
  /** MATCH expression for the word index: every term as a whole word (substring terms), prefix (short ones) or phrase; null when there is nothing to search for */
  word: string | null;
  /** the query as typed, spaces collapsed; empty when it holds nothing to search for */
  display: string;
}

/** The characters unicode61 keeps inside a token (letters, numbers, private use); everything else separates. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const DNR = /^\p{L}{1,10}\.?\s+\d{1,4}(?:\s*[/:.-]\s*\d+)+$/u;

export function tokens(text: string): string[] {
  return (text.normalize('NFC').match(TOKEN) ?? []).map((t) => t.toLocaleLowerCase('sv'));
}

const length = (s: string) => [...s].length;
const isNumber = (s: string) => /^\p{N}+$/u.test(s);
/** a token inside FTS5 double quotes; tokens hold no quotes, the doubling is belt and braces */
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function termFor(words: string[], quoted: boolean): Term | null {
  if (words.length === 0) return null;
  if (quoted || words.length > 1)
    return { type: 'phrase', tokens: words, prefixLast: !quoted && !isNumber(words[words.length - 1]) };
  const [w] = words;
  if (length(w) >= 3 && !isNumber(w)) return { type: 'substring', text: w };
  return { type: 'prefix', text: w };
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.normalize('NFC').trim();
  const terms: Term[] = [];
  if (DNR.test(text)) {
    const t = termFor(tokens(text), true);
    if (t) terms.push(t);
  } else {
    // "quoted phrases" first; an unbalanced quote is just a separator
    const pattern = /"([^"]*)"|([^\s"]+)/g;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const t = m[1] !== undefined ? termFor(tokens(m[1]), true) : termFor(tokens(m[2]), false);
      if (t) terms.push(t);
    }
  }
  const unique = dedupe(terms);
  const tri = unique.filter((t) => t.type === 'substring');
  return {
    terms: unique,
    trigram: tri.length
      ? [...new Set(tri.flatMap((t) => rareTrigrams((t as { text: string }).text)))].map(quote).join(' AND ')
      : null,
    word: unique.length ? unique.map(wordExpression).join(' AND ') : null,
    display: unique.length ? text.replace(/\s+/g, ' ') : '',
  };
}

/** The trigrams of a word as the trigram tokenizer makes them (code points, case folded). */
function trigramsOf(word: string): string[] {
  const chars = [...word];
  return chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join(''));
}

/**
 * Letters by how common they are in Swedish text, most common first. A trigram of common
 * letters ("att", "ter") is in most records and costs the index a long list to merge; rarer
 * ones ("kyd", "gsv") narrow at once. The exact check afterwards makes any subset correct.
 */
const COMMON = 'eantrsildomkgväfhupåöbcjyxwzq';
const commonness = (trigram: string) =>
  [...trigram].reduce((sum, c) => sum + (COMMON.includes(c) ? COMMON.length - COMMON.indexOf(c) : 0), 0);

/**
 * Three of a word's trigrams: the rarest by their letters from its beginning, middle and end.
 * Spread over the word, they catch what single letters miss ("gsv" in "ängsvattenskydd" where
 * "ngs" and "vat" are everywhere), and three lists merge fast where a dozen would not.
 */
function rareTrigrams(word: string): string[] {
  const all = trigramsOf(word);
  if (all.length <= 3) return [...new Set(all)];
  const third = all.length / 3;
  const parts = [
    all.slice(0, Math.ceil(third)),
    all.slice(Math.ceil(third), Math.ceil(2 * third)),
    all.slice(Math.ceil(2 * third)),
  ];
  return [...new Set(parts.map((part) => [...part].sort((a, b) => commonness(a) - commonness(b))[0]))];
}

/**
 * A term in the word index. A substring term goes in as the whole word: a prefix of a common
 * stem ("trygg*") makes FTS5 merge the lists of every word it begins, which is slow, while the
 * trigram index streams prefixes and compound parts alike (see electron/backend/search/search.ts).
 */
function wordExpression(t: Term): string {
  if (t.type === 'substring') return quote(t.text);
  if (t.type === 'prefix') return `${quote(t.text)}*`;
  return `${quote(t.tokens.join(' '))}${t.prefixLast ? '*' : ''}`;
}

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- highlighting

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** A regular expression finding in plain text what `t` matches in the index. */
function patternOf(t: Term): string {
  if (t.type === 'substring') return escape(t.text);
  if (t.type === 'prefix') return `${BEFORE}${escape(t.text)}`;
  return `${BEFORE}${t.tokens.map(escape).join('[^\\p{L}\\p{N}]+')}${t.prefixLast ? '' : AFTER}`;
}

/**
 * One regular expression per term, finding in plain text exactly what the term means; the
 * search keeps a record only when every term finds something in one of its fields, so the
 * trigram index's candidates (which only hold the trigrams, in any order) are made exact.
 */
export function termPatterns(terms: Term[]): RegExp[] {
  return terms.map((t) => new RegExp(patternOf(t), 'giu'));
}

/** Every match of the query in `text`, as sorted, non-overlapping [start, end) ranges (UTF-16 offsets). */
export function matchRanges(text: string, terms: Term[]): Array<[number, number]> {
  if (!text || terms.length === 0) return [];
  const found: Array<[number, number]> = [];
  const re = new RegExp(terms.map(patternOf).join('|'), 'giu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A piece of `text` around its first match, about `width` characters, cut at spaces, with the
 * matches inside it. Without a match: the beginning of the text.
 */
export function snippetOf(
  text: string | null,
  terms: Term[],
  width = 180,
): { snippet: string; highlights: Array<[number, number]> } {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) return { snippet: '', highlights: [] };
  const ranges = matchRanges(clean, terms);
  let start = 0;
  if (ranges.length > 0 && ranges[0][0] > width / 3) {
    start = clean.lastIndexOf(' ', ranges[0][0] - Math.floor(width / 3));
    start = start < 0 ? 0 : start + 1;
  }
  let end = Math.min(clean.length, start + width);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  const lead = start > 0 ? '… ' : '';
  const tail = end < clean.length ? ' …' : '';
  const highlights = ranges
    .filter(([s, e]) => s < end && e > start)
    .map(
      ([s, e]) =>
        [Math.max(s, start) - start + lead.length, Math.min(e, end) - start + lead.length] as [number, number],
    );
  return { snippet: `${lead}${clean.slice(start, end)}${tail}`, highlights };
}
