type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Merges the maps each area keeps (contract methods, handlers, SQL error keys) into one, and
 * refuses a key two areas both define: with `{ ...a, ...b }` the later one would silently win.
 */
export function mergeDisjoint<T extends object[]>(...maps: T): Intersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const map of maps)
    for (const [key, value] of Object.entries(map)) {
      if (Object.prototype.hasOwnProperty.call(merged, key)) throw new Error(`"${key}" is defined by two areas`);
      merged[key] = value;
    }
  return merged as Intersection<T[number]>;
}

/** The keys more than one of the maps defines (none, when they can be merged). */
export function sharedKeys(maps: Record<string, object>): string[] {
  const seen = new Map<string, string>();
  const shared: string[] = [];
  for (const [area, map] of Object.entries(maps))
    for (const key of Object.keys(map)) {
      const first = seen.get(key);
      if (first) shared.push(`${key} (${first} and ${area})`);
      else seen.set(key, area);
    }
  return shared;
}
