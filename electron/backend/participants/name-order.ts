/**
 * Names in SQL the way Swedes sort and search them, so a list of people can be paged by the
 * database (keyset on the sort key) instead of sorted in JavaScript. SQLite's lower() folds
 * ASCII only, so the Latin-1 capitals are folded here; the sort key then puts å, ä, ö after z
 * (as svCollator does: æ with ä, ø with ö, ü with y) and other accented letters with their base.
 */

const LATIN1_CAPITALS = Array.from({ length: 0xde - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i)).filter(
  (c) => c !== '×',
);

const SWEDISH_LAST: Record<string, string> = {
  å: '{',
  ä: '|',
  æ: '|',
  ö: '}',
  ø: '}',
  ü: 'y',
  ß: 'ss',
  þ: 'th',
  ð: 'd',
};

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const replaced = (sql: string, pairs: Array<[string, string]>) =>
  pairs.reduce((inner, [from, to]) => `replace(${inner}, ${quote(from)}, ${quote(to)})`, sql);

/** `text` case folded as nameKey folds names (for the letters Swedish names use): for instr() searches */
export function foldedSql(text: string): string {
  return replaced(
    `lower(${text})`,
    LATIN1_CAPITALS.map((c) => [c, c.toLowerCase()]),
  );
}

/** a key whose byte order is svCollator's order of `text` (base letters, case ignored) */
export function sortKeySql(text: string): string {
  const small = LATIN1_CAPITALS.map((c) => c.toLowerCase()).concat('ß');
  return replaced(
    foldedSql(text),
    small.map((c) => [c, SWEDISH_LAST[c] ?? c.normalize('NFD')[0]]),
  );
}
