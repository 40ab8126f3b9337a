import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { Attendee, attendeeFields, PrefillResult as PrefillReport } from '../../../shared/contract/meetings';
import { mandateCoverage } from '../participants/mandates';
import { svCollator } from '../../../shared/text/collate';
import { invalidField } from './errors';
import { checkPerson } from './priorities';
import { assertAttendanceEditable, meetingExists } from './state';

type Fields = z.output<typeof attendeeFields>;

interface Row {
  id: number;
  meeting_id: number;
  person_id: number;
  person_name: string;
  person_title: string | null;
  organisation_name: string | null;
  role: Attendee['role'];
  status: Attendee['status'];
  substitute_for_id: number | null;
  substitute_for_name: string | null;
  participates_in: string | null;
}

const SELECT = `
  SELECT a.*, p.name AS person_name, p.title AS person_title, o.name AS organisation_name, s.name AS substitute_for_name
  FROM attendance a
  JOIN person p ON p.id = a.person_id
  LEFT JOIN organisation o ON o.id = p.organisation_id
  LEFT JOIN person s ON s.id = a.substitute_for_id`;

const VOTING_ROLES = new Set(['ordforande', 'vice_ordforande', 'ledamot']);
export const ROLE_ORDER: Attendee['role'][] = [
  'ordforande',
  'vice_ordforande',
  'ledamot',
  'ersattare',
  'sekreterare',
  'adjungerad',
  'ovrig',
];

const toAttendee = (r: Row): Attendee => ({
  id: r.id,
  meetingId: r.meeting_id,
  personId: r.person_id,
  personName: r.person_name,
  personTitle: r.person_title,
  organisationName: r.organisation_name,
  role: r.role,
  status: r.status,
  substituteFor: r.substitute_for_id === null ? null : { id: r.substitute_for_id, name: r.substitute_for_name ?? '' },
  participatesIn: r.participates_in,
  decisionMaker: r.status === 'present' && (VOTING_ROLES.has(r.role) || r.substitute_for_id !== null),
});

/** Chair first, then by role and name. */
export function listAttendance(ctx: Ctx, meetingId: number): Attendee[] {
  meetingExists(ctx, meetingId);
  return (ctx.db.prepare(`${SELECT} WHERE a.meeting_id = ?`).all(meetingId) as Row[])
    .map(toAttendee)
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || svCollator.compare(a.personName, b.personName),
    );
}

function getAttendee(ctx: Ctx, id: number): Attendee {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('attendance', id);
  return toAttendee(row);
}

/** The body's members on the meeting date, each once with their first role (ROLE_ORDER). */
function membersOnDate(ctx: Ctx, meetingId: number): Map<number, Attendee['role']> {
  const members = ctx.db
    .prepare(
      `SELECT bm.person_id, bm.role FROM body_member bm JOIN meeting m ON m.body_id = bm.body_id
       WHERE m.id = ? AND bm.valid_from <= m.date AND coalesce(bm.valid_to, '9999-12-31') >= m.date`,
    )
    .all(meetingId) as Array<{ person_id: number; role: Attendee['role'] }>;
  members.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const roles = new Map<number, Attendee['role']>();
  for (const m of members) if (!roles.has(m.person_id)) roles.set(m.person_id, m.role);
  return roles;
}

/** What fetching the body's members did: people added, people given their member role, members found. */
export interface PrefillResult {
  added: number;
  roleSet: number;
  members: number;
}

/**
 * Adds the body's members on the meeting date who are not listed yet, each once with their
 * first role. Ersättare start as absent (they serve only when someone is away); everyone
 * else starts as present. Someone already listed as "övrig" only because they were chosen as
 * chair or justerare before the roster was fetched gets their member role, so a member who
 * attests is also a decision-maker.
 */
export function prefillAttendance(ctx: Ctx, meetingId: number): PrefillResult {
  const members = membersOnDate(ctx, meetingId);
  const insert = ctx.db.prepare(
    `INSERT INTO attendance (meeting_id, person_id, role, status) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id, person_id) DO NOTHING`,
  );
  const promote = ctx.db.prepare(
    `UPDATE attendance SET role = ? WHERE meeting_id = ? AND person_id = ? AND role = 'ovrig' AND substitute_for_id IS NULL`,
  );
  const result: PrefillResult = { added: 0, roleSet: 0, members: members.size };
  for (const [personId, role] of members) {
    const added = insert.run(meetingId, personId, role, role === 'ersattare' ? 'absent' : 'present').changes;
    result.added += added;
    if (!added) result.roleSet += promote.run(role, meetingId, personId).changes;
  }
  return result;
}

export function prefill(ctx: Ctx, meetingId: number): PrefillReport {
  const { added, roleSet } = write(ctx, (record) => {
    assertAttendanceEditable(ctx, meetingId);
    const result = prefillAttendance(ctx, meetingId);
    if (result.added + result.roleSet > 0)
      record({
        action: 'prefill_attendance',
        entity: 'meeting',
        entityId: meetingId,
        after: { added: result.added, roleSet: result.roleSet },
      });
    return result;
  });
  const meeting = ctx.db.prepare('SELECT body_id, date FROM meeting WHERE id = ?').get(meetingId) as {
    body_id: number;
    date: string;
  };
  return {
    attendance: listAttendance(ctx, meetingId),
    added,
    roleSet,
    mandates: mandateCoverage(ctx, meeting.body_id, meeting.date),
  };
}

function checkFields(ctx: Ctx, meetingId: number, personId: number, f: Fields, selfId: number | null): void {
  const meeting = ctx.db
    .prepare('SELECT chair_id, justerare1_id, justerare2_id FROM meeting WHERE id = ?')
    .get(meetingId) as {
    chair_id: number | null;
    justerare1_id: number | null;
    justerare2_id: number | null;
  };
  if (f.status === 'absent' && (personId === meeting.justerare1_id || personId === meeting.justerare2_id)) {
    throw invalidField('status', 'justerare_absent', 'A justerare must be present; choose another justerare first');
  }
  if (f.status === 'absent' && personId === meeting.chair_id) {
    throw invalidField('status', 'chair_absent', 'The chair must be present; choose who chairs the meeting first');
  }
  if (f.substituteForId !== null) {
    checkPerson(ctx, f.substituteForId, 'substituteForId');
    if (f.substituteForId === personId)
      throw invalidField('substituteForId', 'substitute_self', 'Nobody stands in for themselves');
    const replaced = ctx.db
      .prepare('SELECT id, status, role FROM attendance WHERE meeting_id = ? AND person_id = ?')
      .get(meetingId, f.substituteForId) as { id: number; status: string; role: string } | undefined;
    if (replaced && replaced.status === 'present') {
      throw invalidField(
        'substituteForId',
        'substitute_for_present',
        'The member is present; mark them absent before someone serves for them',
      );
    }
    const taken = ctx.db
      .prepare('SELECT 1 FROM attendance WHERE meeting_id = ? AND substitute_for_id = ? AND id IS NOT ?')
      .get(meetingId, f.substituteForId, selfId);
    if (taken) throw invalidField('substituteForId', 'substitute_taken', 'Someone already serves for that member');
    if (f.status !== 'present') throw invalidField('status', 'substitute_absent', 'A substitute who serves is present');
  }
  // a present person who is being substituted would make two votes for one seat
  if (
    f.status === 'present' &&
    ctx.db.prepare('SELECT 1 FROM attendance WHERE meeting_id = ? AND substitute_for_id = ?').get(meetingId, personId)
  ) {
    throw invalidField('status', 'substituted_member_present', 'Someone serves for this member; remove that first');
  }
}

export function addAttendee(ctx: Ctx, meetingId: number, personId: number, f: Fields): Attendee {
  return write(ctx, (record) => {
    assertAttendanceEditable(ctx, meetingId);
    checkPerson(ctx, personId, 'personId');
    if (ctx.db.prepare('SELECT 1 FROM attendance WHERE meeting_id = ? AND person_id = ?').get(meetingId, personId)) {
      throw invalidField('personId', 'already_attending', 'The person is already on the attendance list');
    }
    checkFields(ctx, meetingId, personId, f, null);
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO attendance (meeting_id, person_id, role, status, substitute_for_id, participates_in) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(meetingId, personId, f.role, f.status, f.substituteForId, f.participatesIn);
    const created = getAttendee(ctx, Number(lastInsertRowid));
    record({ action: 'add_attendee', entity: 'meeting', entityId: meetingId, after: created });
    return created;
  });
}

export function updateAttendee(ctx: Ctx, id: number, f: Fields): Attendee {
  return write(ctx, (record) => {
    const before = getAttendee(ctx, id);
    assertAttendanceEditable(ctx, before.meetingId);
    checkFields(ctx, before.meetingId, before.personId, f, id);
    ctx.db
      .prepare('UPDATE attendance SET role = ?, status = ?, substitute_for_id = ?, participates_in = ? WHERE id = ?')
      .run(f.role, f.status, f.substituteForId, f.participatesIn, id);
    const after = getAttendee(ctx, id);
    record({ action: 'update_attendee', entity: 'meeting', entityId: before.meetingId, before, after });
    return after;
  });
}

export function removeAttendee(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getAttendee(ctx, id);
    assertAttendanceEditable(ctx, before.meetingId);
    const m = ctx.db
      .prepare('SELECT chair_id, justerare1_id, justerare2_id FROM meeting WHERE id = ?')
      .get(before.meetingId) as Record<string, number | null>;
    if ([m.justerare1_id, m.justerare2_id].includes(before.personId)) {
      throw invalidField('personId', 'justerare_absent', 'A justerare must be present; choose another justerare first');
    }
    if (
      ctx.db
        .prepare('SELECT 1 FROM attendance WHERE meeting_id = ? AND substitute_for_id = ?')
        .get(before.meetingId, before.personId)
    ) {
      throw invalidField('personId', 'substituted_member_present', 'Someone serves for this member; remove that first');
    }
    ctx.db
      .prepare(
        'DELETE FROM paragraph_recusal WHERE person_id = ? AND paragraph_id IN (SELECT id FROM paragraph WHERE meeting_id = ?)',
      )
      .run(before.personId, before.meetingId);
    ctx.db.prepare('DELETE FROM attendance WHERE id = ?').run(id);
    record({ action: 'remove_attendee', entity: 'meeting', entityId: before.meetingId, before });
    return { id };
  });
}

/**
 * The chair and the justerare take part in the meeting: someone chosen for either role who is
 * not on the attendance list yet is added as present — with their role in the body when they are
 * a member on the meeting date (a member who attests decides), else as "övrig". Someone listed
 * as "övrig" who is a member gets their member role. Runs inside a write.
 */
export function ensureAttending(ctx: Ctx, meetingId: number, personIds: Array<number | null>): void {
  const members = membersOnDate(ctx, meetingId);
  const insert = ctx.db.prepare(
    `INSERT INTO attendance (meeting_id, person_id, role, status) VALUES (?, ?, ?, 'present')
     ON CONFLICT (meeting_id, person_id) DO UPDATE SET role = excluded.role
       WHERE attendance.role = 'ovrig' AND excluded.role <> 'ovrig' AND attendance.substitute_for_id IS NULL`,
  );
  for (const personId of personIds)
    if (personId !== null) insert.run(meetingId, personId, members.get(personId) ?? 'ovrig');
}
