/**
 * Limits every input meets before any schema looks at it. The contract's schemas are
 * recursive (rich text) and zod walks them by recursion, so a hostile document nested a few
 * hundred levels deep would overflow the stack inside the parser; this walk is iterative and
 * refuses such input first, with a field error at the place it went wrong.
 *
 * It also keeps text exactly as typed or refuses it: a lone surrogate half cannot be stored as
 * UTF-8 (it would silently become U+FFFD), and C0 control characters other than tab, line feed
 * and carriage return (and U+FFFE/U+FFFF) cannot appear in a Word document's XML, so they would
 * vanish from every export. Refusing them here covers every method at once.
 */

/** Deeper than any real input: rich text nested 12 lists deep is about 50 levels. */
export const MAX_DEPTH = 100;
/** Objects, arrays and values in one input; a 200-§ protocol's documents stay well below. */
export const MAX_NODES = 200_000;
/** One string; base64 uploads (a PKCS#12, a document to verify) are the longest. */
export const MAX_STRING = 140_000_000;
/** Keys one object may have. */
export const MAX_KEYS = 1_000;

// lone high surrogate, lone low surrogate, C0 controls except \t \n \r, and the XML non-characters
const FORBIDDEN_TEXT =
  // eslint-disable-next-line no-control-regex -- these are the characters it refuses
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export type InputProblem = { path: string; key: 'too_deep' | 'too_large' | 'too_long' | 'invalid_characters' };

/** True when `text` would be stored and exported exactly as given. */
export function isStorableText(text: string): boolean {
  return !FORBIDDEN_TEXT.test(text);
}

/** The first problem found in `input`, or null when it is within every limit. Never recurses. */
export function findInputProblem(input: unknown): InputProblem | null {
  // each entry keeps its parent instead of a copied path: the path is built only when reported
  type Entry = { value: unknown; key: string | null; parent: Entry | null; depth: number };
  const stack: Entry[] = [{ value: input, key: null, parent: null, depth: 0 }];
  let nodes = 0;
  const at = (entry: Entry) => {
    const parts: string[] = [];
    for (let e: Entry | null = entry; e && e.key !== null; e = e.parent) parts.unshift(e.key);
    return parts.join('.') || '_';
  };
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (++nodes > MAX_NODES) return { path: '_', key: 'too_large' };
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) return { path: at(entry), key: 'too_long' };
      if (!isStorableText(value)) return { path: at(entry), key: 'invalid_characters' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return { path: at(entry), key: 'too_deep' };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: String(i), parent: entry, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_KEYS) return { path: at(entry), key: 'too_large' };
    for (const key of keys) {
      if (!isStorableText(key)) return { path: at(entry), key: 'invalid_characters' };
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: entry, depth: depth + 1 });
    }
  }
  return null;
}
