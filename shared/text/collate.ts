/** Swedish collation: å, ä, ö sort after z, and case does not split the list. */
export const svCollator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

export function sortByName<T>(items: T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => svCollator.compare(name(a), name(b)));
}

/** The key two names are the same under: trimmed, case folded with Swedish rules. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('sv');
}
