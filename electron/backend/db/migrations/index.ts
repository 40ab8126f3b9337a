import * as m001 from './001_foundation';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/**
 * Every schema change, in order (versions 1, 2, 3, … without gaps: a test checks). A migration is never edited once it has shipped;
 * a change is a new numbered file here, with a test beside it.
 */
export const migrations: Migration[] = [
  { version: 1, name: '001_foundation', up: m001.up },
];

export const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));
