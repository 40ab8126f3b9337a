import type { AuditEntry, Sentence, SentenceParam } from '../../../shared/contract/common';
import { AUDIT_ENTITIES, type AuditAction, type AuditEntity } from './actions';
import { isPlainObject, type JsonObject } from './delta';
import { fieldLines, type Shape } from './describe-fields';

/**
 * The history in sentences: each event becomes a message key with its values ("Camilla Broo
 * skickade protokollet för justering"), and each change of a field users know becomes a line
 * ("Plats ändrades från … till …"). Built here, once, so every history list says the same; the
 * renderer only translates. Keys live under `history.sentences` in both locales.
 */

type Event = Pick<AuditEntry, 'actor' | 'action' | 'entity' | 'before' | 'after' | 'changes'>;
type Params = Record<string, SentenceParam>;

const text = (value: unknown): SentenceParam =>
  typeof value === 'string' && value.trim() !== ''
    ? { text: value }
    : typeof value === 'number'
      ? { text: String(value) }
      : { key: 'history.values.unnamed' };
const key = (k: string): SentenceParam => ({ key: k });
const date = (value: unknown, time?: unknown): SentenceParam =>
  typeof value === 'string' && value !== ''
    ? { date: value, time: typeof time === 'string' && time !== '' ? time : null }
    : { key: 'history.values.empty' };
const count = (value: unknown): SentenceParam => ({ number: Array.isArray(value) ? value.length : Number(value) || 0 });

const state = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});
const entityNoun = (entity: string): SentenceParam =>
  key(`history.entities.${(AUDIT_ENTITIES as readonly string[]).includes(entity) ? entity : 'other'}`);

/** What a record is called in a sentence, from whichever side of the event names it. */
function nameOf(entity: string, s: JsonObject): SentenceParam {
  if (entity === 'paragraph') return text(`§ ${String(s.number ?? '')} ${String(s.title ?? '')}`.trim());
  if (entity === 'meeting') return text([s.bodyName, s.date].filter(Boolean).join(' '));
  return text(s.name ?? s.title ?? s.heading ?? s.label ?? s.description ?? s.personName ?? s.subject);
}
const paragraphName = (s: JsonObject) => text(`§ ${String(s.number ?? '')} ${String(s.title ?? '')}`.trim());
const enumValue = (prefix: string, value: unknown) =>
  typeof value === 'string' ? key(`${prefix}${value}`) : key('history.values.empty');

interface Said {
  key: string;
  params?: Params;
}

interface Describer {
  /** the summary; `b`/`a` are the before/after states (empty objects when absent) */
  say(b: JsonObject, a: JsonObject, e: Event): Said;
  /** whose fields the `changes` are, when the lines should list them */
  shape?: Shape | ((e: Event) => Shape | null);
}

const d = (say: Describer['say'], shape?: Describer['shape']): Describer => ({ say, shape });

/** Shapes of the records that `create`/`update`/`delete`/… carry, per entity. */
const ENTITY_SHAPES: Partial<Record<AuditEntity, Shape>> = {
  meeting: 'meeting',
  person: 'person',
  organisation: 'organisation',
  body: 'body',
  body_member: 'member',
  agreement_version: 'version',
  agreement: 'agreement',
  paragraph: 'paragraph',
  action_item: 'action',
  certificate: 'certificate',
};
const entityShape = (e: Event) => ENTITY_SHAPES[e.entity as AuditEntity] ?? null;

const generic = (verb: string): Describer =>
  d(
    (b, a, e): Said =>
      e.entity === 'body_member'
        ? { key: `${verb}_member`, params: { person: text((a.personName ?? b.personName) as string) } }
        : e.entity === 'action_item'
          ? { key: `${verb}_action_item`, params: { name: text(a.description ?? b.description) } }
          : { key: verb, params: { entity: entityNoun(e.entity), name: nameOf(e.entity, { ...b, ...a }) } },
    entityShape,
  );

const sealed = (k: string): Describer => d((_b, a) => ({ key: k, params: { name: text(a.label) } }));

/** One describer per action: the compiler refuses an action without a sentence. */
const DESCRIBERS: Record<AuditAction, Describer> = {
  create: d((_b, a, e): Said => {
    if (e.entity === 'meeting')
      return { key: 'create_meeting', params: { name: text(a.bodyName), date: date(a.date, a.startTime) } };
    if (e.entity === 'body_member')
      return {
        key: 'create_member',
        params: {
          person: text(a.personName),
          role: enumValue('bodies.members.roles.', a.role),
          from: date(a.from),
          to: date(a.to),
        },
      };
    return { key: 'create', params: { entity: entityNoun(e.entity), name: nameOf(e.entity, a) } };
  }),
  update: generic('update'),
  delete: generic('delete'),
  archive: generic('archive'),
  restore: generic('restore'),
  export: d((_b, a, e): Said =>
    e.entity === 'archive'
      ? { key: 'export_archive', params: { documents: count(a.documents), from: date(a.from), to: date(a.to) } }
      : { key: 'export', params: { file: text(a.fileName) } },
  ),
  record_sealed: sealed('record_sealed'),
  record_sealed_broken: sealed('record_sealed_broken'),
  record_signed: d((_b, a) => ({ key: 'record_signed', params: { name: text(a.label), signer: text(a.signer) } })),
  move: d(
    (b, a) => ({ key: 'move', params: { from: date(b.date, b.startTime), to: date(a.date, a.startTime) } }),
    'meeting',
  ),
  cancel: d(() => ({ key: 'cancel' }), 'meeting'),
  reinstate: d(() => ({ key: 'reinstate' }), 'meeting'),
  add_agenda_item: d((_b, a) => ({ key: 'add_agenda_item', params: { title: text(a.title) } })),
  update_agenda_item: d(
    (b, a) => ({ key: 'update_agenda_item', params: { title: text(a.title ?? b.title) } }),
    'agendaItem',
  ),
  remove_agenda_item: d((b) => ({ key: 'remove_agenda_item', params: { title: text(b.title) } })),
  reorder_agenda: d(() => ({ key: 'reorder_agenda' })),
  apply_agenda_template: d((_b, a) => ({ key: 'apply_agenda_template', params: { added: count(a.added) } })),
  add_attendee: d((_b, a) => ({
    key: 'add_attendee',
    params: { person: text(a.personName), role: enumValue('meetings.roles.', a.role) },
  })),
  update_attendee: d((b, a): Said => {
    const substitute = state(a.substituteFor);
    if (substitute.name && state(b.substituteFor).id !== substitute.id)
      return { key: 'substitute', params: { person: text(a.personName), substituted: text(substitute.name) } };
    return { key: 'update_attendee', params: { person: text(a.personName ?? b.personName) } };
  }, 'attendee'),
  remove_attendee: d((b) => ({ key: 'remove_attendee', params: { person: text(b.personName) } })),
  prefill_attendance: d((_b, a) => ({
    key: 'prefill_attendance',
    params: { added: count(a.added), roleSet: count(a.roleSet) },
  })),
  add_action: d((_b, a) => ({ key: 'add_action', params: { owner: text(a.ownerName), name: text(a.description) } })),
  remove_action: d((b) => ({ key: 'remove_action', params: { name: text(b.description) } })),
  create_protocol: d(() => ({ key: 'create_protocol' })),
  discard_protocol: d(() => ({ key: 'discard_protocol' })),
  update_protocol: d(() => ({ key: 'update_protocol' }), 'protocol'),
  add_paragraph: d((_b, a) => ({ key: 'add_paragraph', params: { paragraph: paragraphName(a) } })),
  remove_paragraph: d((b) => ({ key: 'remove_paragraph', params: { paragraph: paragraphName(b) } })),
  reorder_paragraphs: d(() => ({ key: 'reorder_paragraphs' })),
  submit_protocol: d(() => ({ key: 'submit_protocol' })),
  reopen_protocol: d(() => ({ key: 'reopen_protocol' })),
  attest: d((_b, a) => ({
    key: a.digitallySigned ? 'attest_signed' : 'attest',
    params: { name: text(a.name), role: enumValue('meetings.justering.roles.', a.role), date: date(a.date) },
  })),
  protocol_attested: d(() => ({ key: 'protocol_attested' })),
  paragraph_attested: d((_b, a) => ({ key: 'paragraph_attested', params: { number: text(a.number) } })),
  add_correction: d((_b, a) => ({ key: 'add_correction', params: { author: text(a.author), date: date(a.date) } })),
  add_attachment: d((_b, a) => ({ key: 'add_attachment', params: { file: text(a.fileName) } })),
  remove_attachment: d((b) => ({ key: 'remove_attachment', params: { file: text(b.fileName) } })),
  carry_over_paragraph: d((_b, a) => ({ key: 'carry_over_paragraph', params: { paragraph: paragraphName(a) } })),
  carry_over_action: d((_b, a) => ({ key: 'carry_over_action', params: { name: text(a.description) } })),
  set_recusals: d((_b, _a, e): Said => {
    const names = (Array.isArray(e.after) ? e.after : []).map((r) => state(r).personName).filter(Boolean);
    return names.length
      ? { key: 'set_recusals', params: { names: text(names.join(', ')) } }
      : { key: 'clear_recusals' };
  }),
  attest_paragraph: d((_b, a) => ({
    key: 'attest_paragraph',
    params: {
      name: text(a.name),
      role: enumValue('meetings.justering.roles.', a.role),
      number: text(a.number),
      date: date(a.date),
    },
  })),
  action_done: d((b, a) => ({ key: 'action_done', params: { name: text(a.description ?? b.description) } })),
  action_reopened: d((b, a) => ({ key: 'action_reopened', params: { name: text(a.description ?? b.description) } })),
  rename: d((b, a) => ({ key: 'rename', params: { from: text(b.name), to: text(a.name) } })),
  renew: d((_b, a) => ({
    key: 'renew',
    params: { name: text(a.title), from: date(a.validFrom), to: date(a.validTo) },
  })),
  renewed: d(() => ({ key: 'renewed' })),
  'party.add': d((_b, a) => ({
    key: 'party_add',
    params: { organisation: text(a.organisationName), signatory: text(a.signatoryName) },
  })),
  'party.update': d(
    (b, a) => ({ key: 'party_update', params: { organisation: text(a.organisationName ?? b.organisationName) } }),
    'party',
  ),
  'party.remove': d((b) => ({ key: 'party_remove', params: { organisation: text(b.organisationName) } })),
  'party.reorder': d(() => ({ key: 'party_reorder' })),
  'section.add': d((_b, a) => ({ key: 'section_add', params: { heading: text(a.heading) } })),
  'section.update': d(
    (b, a) => ({ key: 'section_update', params: { heading: text(a.heading ?? b.heading) } }),
    'section',
  ),
  'section.remove': d((b) => ({ key: 'section_remove', params: { heading: text(b.heading) } })),
  'section.reorder': d(() => ({ key: 'section_reorder' })),
  'priority.add': d((_b, a) => ({ key: 'priority_add', params: { title: text(a.title) } })),
  'priority.update': d((b, a) => ({ key: 'priority_update', params: { title: text(a.title ?? b.title) } }), 'priority'),
  'priority.remove': d((b) => ({ key: 'priority_remove', params: { title: text(b.title) } })),
  'priority.reorder': d(() => ({ key: 'priority_reorder' })),
  'signing.send': d(() => ({ key: 'signing_send' })),
  'signing.record': d((_b, a) => ({
    key: 'signing_record',
    params: { name: text(a.name), organisation: text(a.organisation), date: date(a.signedOn) },
  })),
  'signing.complete': d(() => ({ key: 'signing_complete' })),
  'signing.withdraw': d(() => ({ key: 'signing_withdraw' })),
  add_member: d((_b, a) => ({
    key: 'add_member',
    params: { person: text(a.personName), role: enumValue('bodies.members.roles.', a.role) },
  })),
  remove_member: d((b) => ({ key: 'remove_member', params: { person: text(b.personName) } })),
  extend_mandates: d((_b, a) => ({
    key: 'extend_mandates',
    params: { members: count(a.members ?? a.count), from: date(a.validFrom), to: date(a.validTo) },
  })),
  set_agenda_template: d(() => ({ key: 'set_agenda_template' })),
  reset_agenda_template: d(() => ({ key: 'reset_agenda_template' })),
  add_certificate: d((_b, a) => ({ key: 'add_certificate', params: { subject: text(a.subject) } })),
  remove_certificate: d((b) => ({ key: 'remove_certificate', params: { subject: text(b.subject) } })),
  trust: d(() => ({ key: 'trust' })),
  activate: d(() => ({ key: 'activate' })),
};

/** Actions of older versions, no longer written, read as "changed". */
const UNKNOWN: Describer = d((_b, _a, e) => ({ key: 'unknown', params: { entity: entityNoun(e.entity) } }));

export function describeEvent(e: Event): { summary: Sentence; lines: Sentence[] } {
  const describer = Object.hasOwn(DESCRIBERS, e.action) ? DESCRIBERS[e.action as AuditAction] : UNKNOWN;
  const said = describer.say(state(e.before), state(e.after), e);
  const shape = typeof describer.shape === 'function' ? describer.shape(e) : describer.shape;
  return {
    summary: { key: `history.sentences.${said.key}`, params: { actor: text(e.actor), ...said.params } },
    lines: shape ? fieldLines(shape, e.changes) : [],
  };
}
