/** Keys from the example files mapped to the ids they got in this database. */
export interface ExampleRefs {
  organisations: Record<string, number>;
  people: Record<string, number>;
  bodies: Record<string, number>;
  /** later parts (agreements, meetings) keep their own keys here */
  [part: string]: Record<string, number>;
}

export function emptyRefs(): ExampleRefs {
  return { organisations: {}, people: {}, bodies: {} };
}
