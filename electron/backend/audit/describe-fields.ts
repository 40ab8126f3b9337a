import type { Sentence, SentenceParam } from '../../../shared/contract/common';
import { VERSION_STATUSES } from '../../../shared/contract/agreements';
import {
  ACTION_STATUSES,
  AGENDA_KINDS,
  ATTENDANCE_ROLES,
  ATTENDANCE_STATUSES,
  MEETING_STATUSES,
} from '../../../shared/contract/meetings';
import { BODY_KINDS, MEMBER_ROLES, ORGANISATION_KINDS } from '../../../shared/contract/participants';
import { LANGUAGES } from '../../../shared/contract/system';
import { isPlainObject } from './delta';

/**
 * Which fields of a record a history line speaks of, and how their values are written. A field
 * not listed (ids, positions, hashes, computed values such as days left to attest) is left to
 * the raw details: users did not set it.
 */
export type FieldKind =
  | 'text'
  /** long text: the line says it changed; the values are in the details */
  | 'long'
  | 'date'
  | 'time'
  | 'number'
  | 'bool'
  /** a `{ id, name }` reference, or a list of them */
  | 'ref'
  | 'refs'
  | { enum: string; values: readonly string[] };

const oneOf = (prefix: string, values: readonly string[]): FieldKind => ({ enum: prefix, values });

export const FIELDS = {
  meeting: {
    date: 'date',
    startTime: 'time',
    endTime: 'time',
    place: 'text',
    chair: 'ref',
    secretary: 'ref',
    justerare: 'refs',
    status: oneOf('history.values.meetingStatus.', MEETING_STATUSES),
    cancelReason: 'text',
    notes: 'long',
  },
  agendaItem: {
    kind: oneOf('meetings.kinds.', AGENDA_KINDS),
    title: 'text',
    description: 'long',
    presenter: 'text',
    plannedMinutes: 'number',
    priorityName: 'text',
    dnr: 'text',
  },
  attendee: {
    role: oneOf('meetings.roles.', ATTENDANCE_ROLES),
    status: oneOf('meetings.attendance.statuses.', ATTENDANCE_STATUSES),
    substituteFor: 'ref',
    participatesIn: 'text',
    decisionMaker: 'bool',
  },
  person: {
    name: 'text',
    title: 'text',
    organisationName: 'text',
    email: 'text',
    phone: 'text',
    activeFrom: 'date',
    activeTo: 'date',
  },
  organisation: {
    name: 'text',
    kind: oneOf('organisations.kinds.', ORGANISATION_KINDS),
    shortName: 'text',
    parentName: 'text',
    archived: 'bool',
  },
  body: {
    name: 'text',
    kind: oneOf('bodies.kinds.', BODY_KINDS),
    description: 'long',
    recordLanguage: oneOf('history.values.language.', LANGUAGES),
    archived: 'bool',
  },
  member: {
    role: oneOf('bodies.members.roles.', MEMBER_ROLES),
    from: 'date',
    to: 'date',
    substituteForName: 'text',
  },
  agreement: { name: 'text' },
  version: {
    title: 'text',
    dnr: 'text',
    validFrom: 'date',
    validTo: 'date',
    status: oneOf('agreements.status.', VERSION_STATUSES),
  },
  party: { organisationName: 'text', signatoryName: 'text', signatoryTitle: 'text' },
  section: { heading: 'text', body: 'long' },
  priority: { title: 'text', description: 'long', source: 'text', sourceDate: 'date', responsible: 'refs' },
  paragraph: {
    kind: oneOf('meetings.kinds.', AGENDA_KINDS),
    title: 'text',
    dnr: 'text',
    background: 'long',
    decision: 'long',
    notes: 'long',
    distribution: 'text',
    priorityName: 'text',
    finished: 'bool',
    carryOver: 'bool',
  },
  action: {
    description: 'text',
    ownerName: 'text',
    dueDate: 'date',
    status: oneOf('history.values.actionStatus.', ACTION_STATUSES),
    doneOn: 'date',
    priorityName: 'text',
  },
  protocol: { place: 'text', date: 'date', announcement: 'long' },
  certificate: { label: 'text', active: 'bool', trusted: 'bool' },
} satisfies Record<string, Record<string, FieldKind>>;
export type Shape = keyof typeof FIELDS;

const EMPTY: SentenceParam = { key: 'history.values.empty' };

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

const refName = (value: unknown): string =>
  isPlainObject(value) ? String(value.name ?? value.organisationName ?? value.personName ?? '') : String(value);

/** A value as the user knows it: a name for a reference, a translated word for an enum value. */
function valueParam(kind: FieldKind, value: unknown): SentenceParam {
  if (isEmpty(value)) return EMPTY;
  if (typeof kind === 'object') return { key: `${kind.enum}${String(value)}` };
  switch (kind) {
    case 'date':
      return { date: String(value), time: null };
    case 'time':
      return { time: String(value) };
    case 'number':
      return { number: Number(value) };
    case 'bool':
      return { key: value ? 'history.values.yes' : 'history.values.no' };
    case 'ref':
      return { text: refName(value) };
    case 'refs':
      return { text: (Array.isArray(value) ? value : [value]).map(refName).join(', ') };
    default:
      return { text: String(value) };
  }
}

/** One sentence per changed field the shape lists, in the order the changes came. */
export function fieldLines(
  shape: Shape,
  changes: Array<{ field: string; before: unknown; after: unknown }>,
): Sentence[] {
  const fields: Record<string, FieldKind> = FIELDS[shape];
  return changes.flatMap(({ field, before, after }) => {
    const kind = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (!kind) return [];
    const params = { field: { key: `history.fields.${shape}.${field}` } };
    if (kind === 'long') return [{ key: 'history.lines.changed', params }];
    if (isEmpty(before)) return [{ key: 'history.lines.set', params: { ...params, after: valueParam(kind, after) } }];
    if (isEmpty(after))
      return [{ key: 'history.lines.cleared', params: { ...params, before: valueParam(kind, before) } }];
    return [
      {
        key: 'history.lines.changedFromTo',
        params: { ...params, before: valueParam(kind, before), after: valueParam(kind, after) },
      },
    ];
  });
}
