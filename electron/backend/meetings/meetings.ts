import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import {
  ATTESTATION_DEADLINE_DAYS,
  type Meeting,
  type meetingCreate,
  type meetingFields,
  type meetingListFilter,
  type seriesFields,
} from '../../../shared/contract/meetings';
import { addDays, daysBetween, yearOf } from './dates';
import { invalidField } from './errors';
import { checkPerson } from './priorities';
import { capabilitiesOf, refuse } from '../capability';
import { meetingRules } from './rules';
import { assertMeetingEditable, EXTRACT_LOCKED_COLUMN, meetingState, protocolStatus } from './state';
import { ensureAttending, prefillAttendance } from './attendance';
import { applyTemplate } from './agenda';
import { moveParagraphsToYear, renumber } from './numbering';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';

type Fields = z.output<typeof meetingFields>;
type CreateFields = z.output<typeof meetingCreate>;
type SeriesFields = z.output<typeof seriesFields>;
type Filter = z.output<typeof meetingListFilter>;

interface Row {
  id: number;
  body_id: number;
  body_name: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string | null;
  chair_id: number | null;
  chair_name: string | null;
  secretary_id: number | null;
  secretary_name: string | null;
  justerare1_id: number | null;
  justerare1_name: string | null;
  justerare2_id: number | null;
  justerare2_name: string | null;
  status: Meeting['status'];
  cancel_reason: string | null;
  notes: string | null;
  agenda_count: number;
  protocol_status: Meeting['protocolStatus'];
  extract_locked: number;
  first_number: number | null;
  last_number: number | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `m.*, b.name AS body_name, c.name AS chair_name, s.name AS secretary_name,
         j1.name AS justerare1_name, j2.name AS justerare2_name,
         (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS agenda_count,
         pr.status AS protocol_status, ${EXTRACT_LOCKED_COLUMN} AS extract_locked,
         (SELECT min(number) FROM paragraph p WHERE p.meeting_id = m.id) AS first_number,
         (SELECT max(number) FROM paragraph p WHERE p.meeting_id = m.id) AS last_number`;
const FROM = `meeting m
  JOIN body b ON b.id = m.body_id
  LEFT JOIN person c ON c.id = m.chair_id
  LEFT JOIN person s ON s.id = m.secretary_id
  LEFT JOIN person j1 ON j1.id = m.justerare1_id
  LEFT JOIN person j2 ON j2.id = m.justerare2_id
  LEFT JOIN protocol pr ON pr.meeting_id = m.id`;
const SELECT = `SELECT ${COLUMNS} FROM ${FROM}`;

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/** One meeting as the contract gives it; `now` is today's date (asked once for a whole list). */
function toMeeting(r: Row, now: string): Meeting {
  const deadline = addDays(r.date, ATTESTATION_DEADLINE_DAYS);
  const open = r.status === 'planned' && r.protocol_status !== 'attested';
  return {
    id: r.id,
    bodyId: r.body_id,
    bodyName: r.body_name,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    chair: ref(r.chair_id, r.chair_name),
    secretary: ref(r.secretary_id, r.secretary_name),
    justerare: [ref(r.justerare1_id, r.justerare1_name), ref(r.justerare2_id, r.justerare2_name)].filter(
      (j) => j !== null,
    ),
    status: r.status,
    stage:
      r.status === 'cancelled' ? 'cancelled' : r.date < now || r.protocol_status === 'attested' ? 'held' : 'planned',
    cancelReason: r.cancel_reason,
    notes: r.notes,
    agendaItemCount: r.agenda_count,
    protocolStatus: r.protocol_status,
    paragraphRange: r.first_number === null || r.last_number === null ? null : [r.first_number, r.last_number],
    attestationDeadline: deadline,
    daysLeftToAttest: open ? daysBetween(now, deadline) : null,
    can: capabilitiesOf(meetingRules, {
      status: r.status,
      protocolStatus: r.protocol_status,
      extractLocked: r.extract_locked === 1,
    }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Meetings in date order, either way, a page at a time (indexes meeting_body_date and meeting_date). */
export function listMeetings(ctx: Ctx, filter: Filter): Page<Meeting> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.bodyId) {
    where.push('m.body_id = @bodyId');
    params.bodyId = filter.bodyId;
  }
  if (filter.year) {
    where.push('m.date BETWEEN @yearFrom AND @yearTo');
    params.yearFrom = `${filter.year}-01-01`;
    params.yearTo = `${filter.year}-12-31`;
  }
  if (filter.from) {
    where.push('m.date >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    where.push('m.date <= @to');
    params.to = filter.to;
  }
  if (filter.before) {
    where.push('m.date < @before');
    params.before = filter.before;
  }
  if (!filter.includeCancelled) where.push("m.status = 'planned'");
  const page = keysetPage<Row>(ctx.db, {
    select: COLUMNS,
    from: FROM,
    countFrom: 'meeting m',
    where,
    params,
    key: ['m.date', 'm.start_time', 'm.id'],
    direction: filter.order,
    limit: filter.limit,
    after: filter.after,
  });
  const now = today(ctx);
  return mapPage(page, (r) => toMeeting(r, now));
}

export function getMeeting(ctx: Ctx, id: number): Meeting {
  const row = ctx.db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('meeting', id);
  return toMeeting(row, today(ctx));
}

/** The member holding `role` in the body on the date, if exactly one does. */
function memberWithRole(ctx: Ctx, bodyId: number, role: string, date: string): number | null {
  const ids = ctx.db
    .prepare(
      `SELECT person_id FROM body_member WHERE body_id = ? AND role = ? AND valid_from <= ? AND coalesce(valid_to, '9999-12-31') >= ?`,
    )
    .pluck()
    .all(bodyId, role, date, date) as number[];
  return ids.length === 1 ? ids[0] : null;
}

function checkBody(ctx: Ctx, bodyId: number): void {
  const body = ctx.db.prepare('SELECT archived FROM body WHERE id = ?').get(bodyId) as { archived: number } | undefined;
  if (!body) throw invalidField('bodyId', 'unknown_body', `Body ${bodyId} does not exist`);
  if (body.archived) throw invalidField('bodyId', 'body_archived', 'The body is archived');
}

function checkOverlap(
  ctx: Ctx,
  bodyId: number,
  date: string,
  start: string,
  end: string,
  exceptId: number | null,
): void {
  const other = ctx.db
    .prepare(
      `SELECT start_time, end_time FROM meeting
       WHERE body_id = ? AND date = ? AND status = 'planned' AND id IS NOT ? AND start_time < ? AND ? < end_time`,
    )
    .get(bodyId, date, exceptId, end, start) as { start_time: string; end_time: string } | undefined;
  if (other) {
    throw invalidField('startTime', 'overlap', `The body already meets ${date} ${other.start_time}–${other.end_time}`);
  }
}

function checkPeople(
  ctx: Ctx,
  f: { chairId: number | null; secretaryId: number | null; justerareIds: number[] },
): void {
  checkPerson(ctx, f.chairId, 'chairId');
  checkPerson(ctx, f.secretaryId, 'secretaryId');
  f.justerareIds.forEach((id) => checkPerson(ctx, id, 'justerareIds'));
  if (f.chairId !== null && f.justerareIds.includes(f.chairId)) {
    throw invalidField(
      'justerareIds',
      'chair_as_justerare',
      'The chair attests anyway; choose someone else as justerare',
    );
  }
}

/** A justerare marked absent from the meeting cannot attest what they did not witness. */
export function checkJusterarePresent(
  ctx: Ctx,
  meetingId: number,
  justerareIds: number[],
  requireListed: boolean,
): void {
  for (const personId of justerareIds) {
    const status = ctx.db
      .prepare('SELECT status FROM attendance WHERE meeting_id = ? AND person_id = ?')
      .pluck()
      .get(meetingId, personId) as string | undefined;
    if (status === 'absent' || (requireListed && status === undefined)) {
      const name = ctx.db.prepare('SELECT name FROM person WHERE id = ?').pluck().get(personId) as string;
      throw invalidField(
        'justerareIds',
        'justerare_absent',
        `${name} is not present at the meeting and cannot be justerare`,
      );
    }
  }
}

function insertMeeting(ctx: Ctx, f: Fields): number {
  checkBody(ctx, f.bodyId);
  const chairId = f.chairId ?? memberWithRole(ctx, f.bodyId, 'ordforande', f.date);
  const secretaryId = f.secretaryId ?? memberWithRole(ctx, f.bodyId, 'sekreterare', f.date);
  checkPeople(ctx, { chairId, secretaryId, justerareIds: f.justerareIds });
  checkOverlap(ctx, f.bodyId, f.date, f.startTime, f.endTime, null);
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO meeting (body_id, date, start_time, end_time, place, chair_id, secretary_id, justerare1_id, justerare2_id, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      f.bodyId,
      f.date,
      f.startTime,
      f.endTime,
      f.place,
      chairId,
      secretaryId,
      f.justerareIds[0] ?? null,
      f.justerareIds[1] ?? null,
      f.notes,
      now,
      now,
    );
  return Number(lastInsertRowid);
}

export function createMeeting(ctx: Ctx, f: CreateFields): Meeting {
  return write(ctx, (record) => {
    const id = insertMeeting(ctx, f);
    prefillAttendance(ctx, id);
    const row = ctx.db.prepare('SELECT chair_id FROM meeting WHERE id = ?').get(id) as { chair_id: number | null };
    ensureAttending(ctx, id, [row.chair_id, ...f.justerareIds]);
    if (f.applyTemplate) applyTemplate(ctx, id);
    const created = getMeeting(ctx, id);
    record({ action: 'create', entity: 'meeting', entityId: id, after: created });
    return created;
  });
}

/** A year's series in one step: every meeting or none. */
export function planSeries(ctx: Ctx, f: SeriesFields): Meeting[] {
  return write(ctx, (record) => {
    return [...f.dates].sort().map((date, index) => {
      let id: number;
      try {
        id = insertMeeting(ctx, { ...f, date, justerareIds: [], notes: null });
      } catch (error) {
        // name the date that failed: the field is dates.<index> in the order given
        const at = f.dates.indexOf(date);
        if (
          error instanceof Error &&
          'fields' in error &&
          (error as { fields?: Record<string, string> }).fields?.startTime
        ) {
          throw invalidField(
            `dates.${at}`,
            'overlap',
            `The body already has a meeting at an overlapping time on ${date}`,
          );
        }
        throw error;
      }
      prefillAttendance(ctx, id);
      if (f.applyTemplate) applyTemplate(ctx, id);
      const created = getMeeting(ctx, id);
      record({ action: 'create', entity: 'meeting', entityId: id, after: { ...created, series: index + 1 } });
      return created;
    });
  });
}

export function updateMeeting(ctx: Ctx, id: number, f: Fields): Meeting {
  return write(ctx, (record) => {
    const before = getMeeting(ctx, id);
    assertMeetingEditable(ctx, id);
    checkBody(ctx, f.bodyId);
    if (f.bodyId !== before.bodyId && protocolStatus(ctx, id) !== null) {
      throw invalidField('bodyId', 'body_fixed', 'A meeting with a protocol cannot move to another body');
    }
    checkPeople(ctx, f);
    if (before.status === 'planned') checkOverlap(ctx, f.bodyId, f.date, f.startTime, f.endTime, id);
    checkJusterarePresent(ctx, id, f.justerareIds, false);
    ctx.db
      .prepare(
        `UPDATE meeting SET body_id = ?, date = ?, start_time = ?, end_time = ?, place = ?, chair_id = ?, secretary_id = ?,
           justerare1_id = ?, justerare2_id = ?, notes = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        f.bodyId,
        f.date,
        f.startTime,
        f.endTime,
        f.place,
        f.chairId,
        f.secretaryId,
        f.justerareIds[0] ?? null,
        f.justerareIds[1] ?? null,
        f.notes,
        ctx.clock.now().toISOString(),
        id,
      );
    if (protocolStatus(ctx, id) !== null) {
      const oldYear = yearOf(before.date);
      const newYear = yearOf(f.date);
      if (oldYear !== newYear) {
        moveParagraphsToYear(ctx, id, newYear);
        renumber(ctx, f.bodyId, oldYear);
      }
      renumber(ctx, f.bodyId, newYear);
    }
    ensureAttending(ctx, id, [f.chairId, ...f.justerareIds]);
    const after = getMeeting(ctx, id);
    record({
      action: before.date !== after.date || before.startTime !== after.startTime ? 'move' : 'update',
      entity: 'meeting',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export function cancelMeeting(ctx: Ctx, id: number, cancelled: boolean, reason: string | null): Meeting {
  return write(ctx, (record) => {
    const before = getMeeting(ctx, id);
    refuse((cancelled ? meetingRules.cancel : meetingRules.reinstate)(meetingState(ctx, id)));
    if (!cancelled) checkOverlap(ctx, before.bodyId, before.date, before.startTime, before.endTime, id);
    ctx.db
      .prepare('UPDATE meeting SET status = ?, cancel_reason = ?, updated_at = ? WHERE id = ?')
      .run(cancelled ? 'cancelled' : 'planned', cancelled ? reason : null, ctx.clock.now().toISOString(), id);
    const after = getMeeting(ctx, id);
    record({ action: cancelled ? 'cancel' : 'reinstate', entity: 'meeting', entityId: id, before, after });
    return after;
  });
}

export function removeMeeting(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getMeeting(ctx, id);
    refuse(meetingRules.remove(meetingState(ctx, id)));
    ctx.db.prepare('UPDATE agenda_item SET from_paragraph_id = NULL WHERE meeting_id = ?').run(id);
    ctx.db.prepare('DELETE FROM meeting WHERE id = ?').run(id);
    record({ action: 'delete', entity: 'meeting', entityId: id, before });
    return { id };
  });
}
