import type { z } from 'zod';
import type { MethodSpec } from './define';
import { mergeDisjoint } from '../merge-disjoint';
import { participantsContract } from './participants';
import { systemContract } from './system';
import { agreementsContract } from './agreements';
import { meetingsContract } from './meetings';
import { signingContract } from './signing';
import { archiveContract } from './archive';
import { databaseContract } from './database';
import { searchContract } from './search';
import { recordsContract } from './records';
import { exportsContract } from './exports';
import { personalSigningContract } from './personal-signing';
import { attachmentsContract } from './attachments';
import { deskContract } from './desk';

/** Each domain keeps its methods in its own file; their names must not overlap (test/unit/registries.test.ts). */
export const areaContracts = {
  system: systemContract,
  participants: participantsContract,
  agreements: agreementsContract,
  meetings: meetingsContract,
  signing: signingContract,
  archive: archiveContract,
  database: databaseContract,
  search: searchContract,
  records: recordsContract,
  exports: exportsContract,
  personalSigning: personalSigningContract,
  attachments: attachmentsContract,
  desk: deskContract,
};

/** The whole contract: every method the backend answers, with its input and output schema. */
export const contract = mergeDisjoint(...Object.values(areaContracts)) satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Push events from backend to renderer (progress of long work, data changed). */
export interface EventMap {
  /** `entity`: the kind of record that changed ('*' or 'database': all of them); `ids`: which ones, when known */
  'data.changed': { entity: string; ids?: string[] };
  progress: { taskId: string; done: number; total: number; label?: string };
  /** desktop: the backend process died and a new one is running; unsaved text is re-sent */
  'backend.restarted': { restarts: number };
}
export type EventName = keyof EventMap;
