import type { Meeting, Protocol } from '../../../shared/contract/meetings';
import type { Refusal, Rule } from '../capability';
import { invalidState, locked, lockedByExtract } from './errors';

/**
 * What the meeting and protocol state machine allows, as rules: each answers a flag the contract
 * returns (`can`) and guards the call that does it (state.ts, the services), so a button the
 * renderer enables is a call the backend takes. The SQL triggers of migrations 003 and 006 hold
 * the locks again underneath.
 */

type ProtocolStatus = Protocol['status'];

export interface MeetingState {
  status: Meeting['status'];
  protocolStatus: ProtocolStatus | null;
  /** a § is attested at once: the meeting header and attendance its extract shows are fixed */
  extractLocked: boolean;
}

export interface ParagraphState {
  protocolStatus: ProtocolStatus;
  number: number;
  year: number;
  finished: boolean;
  /** attested on its own or with the protocol */
  locked: boolean;
  /** the first attested § after this one in the body's year, whose number removing this one would change */
  fixedAfter: number | null;
}

export interface ProtocolState {
  status: ProtocolStatus;
  paragraphs: Array<Pick<ParagraphState, 'number' | 'year' | 'finished' | 'locked'>>;
}

const notCancelled = (s: MeetingState): Refusal =>
  s.status === 'cancelled' ? invalidState('cancelled', 'The meeting is cancelled') : null;

const notAttested = (status: ProtocolStatus | null): Refusal => (status === 'attested' ? locked() : null);

/** Meeting details, attendance and §§ change while there is no protocol or it is a draft. */
const protocolOpen = (status: ProtocolStatus | null): Refusal =>
  notAttested(status) ??
  (status === 'ready_for_attestation'
    ? invalidState('awaiting_attestation', 'The protocol is waiting for attestation; reopen it to make changes')
    : null);

const extractOpen = (s: MeetingState): Refusal => (s.extractLocked ? lockedByExtract() : null);

const hasProtocol = (message: string) => (s: MeetingState) =>
  s.protocolStatus !== null ? invalidState('has_protocol', message) : null;

function unfinished(paragraphs: ProtocolState['paragraphs']): Refusal {
  const open = paragraphs.filter((p) => !p.finished);
  if (open.length === 0) return null;
  const list = open.map((p) => `§ ${p.number}`).join(', ');
  return invalidState('unfinished_paragraphs', `These §§ are not finished: ${list}`, {
    paragraphs: list,
    count: open.length,
  });
}

export const meetingRules = {
  edit: (s) => notCancelled(s) ?? protocolOpen(s.protocolStatus) ?? extractOpen(s),
  /** the agenda may change until the protocol is attested */
  editAgenda: (s) => notCancelled(s) ?? notAttested(s.protocolStatus),
  editAttendance: (s) => notCancelled(s) ?? protocolOpen(s.protocolStatus) ?? extractOpen(s),
  cancel: (s) =>
    (s.status === 'cancelled' ? invalidState('already_cancelled', 'The meeting is already cancelled') : null) ??
    hasProtocol('The meeting has a protocol; discard the draft protocol before cancelling')(s),
  reinstate: (s) => (s.status === 'planned' ? invalidState('not_cancelled', 'The meeting is not cancelled') : null),
  remove: hasProtocol('The meeting has a protocol and cannot be deleted'),
  startProtocol: (s) =>
    notCancelled(s) ??
    (s.protocolStatus !== null ? invalidState('protocol_exists', 'The meeting already has a protocol') : null),
} satisfies Record<string, Rule<MeetingState>>;

export const protocolRules = {
  /** add, remove and write §§ */
  edit: (s) => protocolOpen(s.status),
  /** moving §§ renumbers them: never once one is attested */
  reorder: (s) => {
    const fixed = s.paragraphs.find((p) => p.locked);
    return (
      protocolOpen(s.status) ??
      (fixed
        ? invalidState(
            'numbering_locked',
            `§ ${fixed.number} of ${fixed.year} is attested; moving §§ would renumber it`,
            {
              number: fixed.number,
              year: fixed.year,
            },
          )
        : null)
    );
  },
  /** Justeringens plats och tid, and the tillkännagivande: until attested */
  editJustering: (s) => notAttested(s.status),
  discard: (s) =>
    (s.status !== 'draft' ? invalidState('not_draft', 'Only a draft protocol can be discarded') : null) ??
    (s.paragraphs.some((p) => p.locked)
      ? locked('A § of this protocol is attested; the protocol cannot be discarded')
      : null),
  /** send for justering */
  submit: (s) =>
    notAttested(s.status) ??
    (s.status !== 'draft' ? invalidState('not_draft', 'The protocol is already waiting for attestation') : null) ??
    (s.paragraphs.length === 0 ? invalidState('no_paragraphs', 'The protocol has no §§') : null) ??
    unfinished(s.paragraphs),
  reopen: (s) =>
    notAttested(s.status) ??
    (s.status !== 'ready_for_attestation'
      ? invalidState('not_ready', 'The protocol is not waiting for attestation')
      : null),
  attest: (s) =>
    (s.status === 'attested' ? locked('The protocol is already attested') : null) ??
    unfinished(s.paragraphs) ??
    (s.status !== 'ready_for_attestation'
      ? invalidState('not_ready', 'Send the protocol for attestation first')
      : null),
  /** the frozen document, to be signed elsewhere */
  exportForSigning: (s) =>
    s.status !== 'ready_for_attestation' ? invalidState('not_ready', 'Send the protocol for attestation first') : null,
  correct: (s) =>
    s.status !== 'attested'
      ? invalidState('correction_needs_attested', 'The protocol is not attested; edit it directly')
      : null,
  /** export with the organisation's signature */
  sign: (s) =>
    s.status !== 'attested' ? invalidState('sign_needs_attested', 'Only an attested protocol can be signed') : null,
} satisfies Record<string, Rule<ProtocolState>>;

const paragraphOpen = (s: ParagraphState): Refusal =>
  protocolOpen(s.protocolStatus) ??
  (s.locked ? locked('The § is attested and can no longer be changed; add a correction note instead') : null);

export const paragraphRules = {
  edit: paragraphOpen,
  /** the §§ after it move up a number: never past an attested one */
  remove: (s) =>
    paragraphOpen(s) ??
    (s.fixedAfter !== null
      ? invalidState(
          'numbering_locked',
          `§ ${s.fixedAfter} of ${s.year} is attested; removing this § would renumber it`,
          { number: s.fixedAfter, year: s.year },
        )
      : null),
  /** omedelbar justering */
  attestImmediately: (s) =>
    (s.protocolStatus === 'attested' || s.locked ? locked('The § is already attested') : null) ??
    (s.finished
      ? null
      : invalidState('paragraph_unfinished', `§ ${s.number} is not finished`, {
          paragraphs: `§ ${s.number}`,
          count: 1,
        })),
  correct: (s) =>
    s.locked ? null : invalidState('correction_needs_attested', 'The § is not attested; edit it directly'),
  /** export the extract with the organisation's signature */
  sign: (s) => (s.locked ? null : invalidState('sign_needs_attested', 'Only an attested § can be signed')),
} satisfies Record<string, Rule<ParagraphState>>;
