import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { ActionItem, actionFilter, actionItemFields } from '../../../shared/contract/meetings';
import { invalidField, locked } from './errors';
import { checkPriority } from './priorities';
import { assertParagraphEditable, paragraphLocked } from './state';

type Fields = z.output<typeof actionItemFields>;
type Filter = z.output<typeof actionFilter> & { paragraphId?: number; beforeMeetingId?: number };

interface Row {
  id: number;
  paragraph_id: number;
  meeting_id: number;
  meeting_date: string;
  body_id: number;
  body_name: string;
  paragraph_number: number;
  paragraph_title: string;
  description: string;
  owner_person_id: number | null;
  owner_organisation_id: number | null;
  owner_name: string;
  due_date: string | null;
  status: ActionItem['status'];
  done_on: string | null;
  priority_id: number | null;
  priority_name: string | null;
  locked: number;
}

/** An action's priority is its own, else its §'s. */
const SELECT = `
  SELECT x.*, p.meeting_id, m.date AS meeting_date, m.body_id, b.name AS body_name, p.number AS paragraph_number, p.title AS paragraph_title,
         coalesce(op.name, oo.name) AS owner_name,
         coalesce(x.priority_id, p.priority_id) AS priority_id, pr.title AS priority_name, l.locked
  FROM action_item x
  JOIN paragraph p ON p.id = x.paragraph_id
  JOIN meeting m ON m.id = p.meeting_id
  JOIN body b ON b.id = m.body_id
  JOIN paragraph_lock l ON l.paragraph_id = p.id
  LEFT JOIN person op ON op.id = x.owner_person_id
  LEFT JOIN organisation oo ON oo.id = x.owner_organisation_id
  LEFT JOIN agreement_priority pr ON pr.id = coalesce(x.priority_id, p.priority_id)`;

function toAction(r: Row, now: string): ActionItem {
  return {
    id: r.id,
    paragraphId: r.paragraph_id,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date,
    bodyId: r.body_id,
    bodyName: r.body_name,
    paragraphNumber: r.paragraph_number,
    paragraphTitle: r.paragraph_title,
    description: r.description,
    ownerPersonId: r.owner_person_id,
    ownerOrganisationId: r.owner_organisation_id,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    status: r.status,
    doneOn: r.done_on,
    overdue: r.status === 'open' && r.due_date !== null && r.due_date < now,
    priorityId: r.priority_id,
    priorityName: r.priority_name,
    locked: r.locked === 1,
  };
}

/** Actions across meetings, oldest meeting first; `overdue` against today's date. */
export function listActions(ctx: Ctx, filter: Filter = {}): ActionItem[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: today(ctx) };
  if (filter.bodyId) {
    where.push('m.body_id = @bodyId');
    params.bodyId = filter.bodyId;
  }
  if (filter.meetingId) {
    where.push('p.meeting_id = @meetingId');
    params.meetingId = filter.meetingId;
  }
  if (filter.paragraphId) {
    where.push('x.paragraph_id = @paragraphId');
    params.paragraphId = filter.paragraphId;
  }
  if (filter.priorityId) {
    where.push('coalesce(x.priority_id, p.priority_id) = @priorityId');
    params.priorityId = filter.priorityId;
  }
  if (filter.withoutPriority) where.push('coalesce(x.priority_id, p.priority_id) IS NULL');
  if (filter.ownerPersonId) {
    where.push('x.owner_person_id = @ownerPersonId');
    params.ownerPersonId = filter.ownerPersonId;
  }
  if (filter.ownerOrganisationId) {
    where.push('x.owner_organisation_id = @ownerOrganisationId');
    params.ownerOrganisationId = filter.ownerOrganisationId;
  }
  if (filter.status) {
    where.push('x.status = @status');
    params.status = filter.status;
  }
  if (filter.overdue !== undefined) {
    where.push(
      filter.overdue
        ? "(x.status = 'open' AND x.due_date < @today)"
        : "NOT (x.status = 'open' AND coalesce(x.due_date < @today, 0))",
    );
  }
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.date, m.start_time, p.number, x.id`;
  return (ctx.db.prepare(sql).all(params) as Row[]).map((r) => toAction(r, params.today as string));
}

export function getAction(ctx: Ctx, id: number): ActionItem {
  const row = ctx.db.prepare(`${SELECT} WHERE x.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('action_item', id);
  return toAction(row, today(ctx));
}

function checkOwner(ctx: Ctx, f: Fields): void {
  if (f.ownerPersonId !== null && !ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(f.ownerPersonId)) {
    throw invalidField('ownerPersonId', 'unknown_person', `Person ${f.ownerPersonId} does not exist`);
  }
  if (
    f.ownerOrganisationId !== null &&
    !ctx.db.prepare('SELECT 1 FROM organisation WHERE id = ?').get(f.ownerOrganisationId)
  ) {
    throw invalidField(
      'ownerOrganisationId',
      'unknown_organisation',
      `Organisation ${f.ownerOrganisationId} does not exist`,
    );
  }
  checkPriority(ctx, f.priorityId);
}

/** Inserts inside a running write (also used by the example). */
export function insertAction(ctx: Ctx, paragraphId: number, f: Fields): number {
  checkOwner(ctx, f);
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO action_item (paragraph_id, description, owner_person_id, owner_organisation_id, due_date, priority_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(paragraphId, f.description, f.ownerPersonId, f.ownerOrganisationId, f.dueDate, f.priorityId, now, now);
  return Number(lastInsertRowid);
}

export function addAction(ctx: Ctx, paragraphId: number, f: Fields): ActionItem {
  return write(ctx, (record) => {
    const meetingId = assertParagraphEditable(ctx, paragraphId);
    const created = getAction(ctx, insertAction(ctx, paragraphId, f));
    record({ action: 'add_action', entity: 'meeting', entityId: meetingId, after: created });
    return created;
  });
}

export function updateAction(ctx: Ctx, id: number, f: Fields): ActionItem {
  return write(ctx, (record) => {
    const before = getAction(ctx, id);
    assertParagraphEditable(ctx, before.paragraphId);
    checkOwner(ctx, f);
    ctx.db
      .prepare(
        'UPDATE action_item SET description = ?, owner_person_id = ?, owner_organisation_id = ?, due_date = ?, priority_id = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        f.description,
        f.ownerPersonId,
        f.ownerOrganisationId,
        f.dueDate,
        f.priorityId,
        ctx.clock.now().toISOString(),
        id,
      );
    const after = getAction(ctx, id);
    record({ action: 'update', entity: 'action_item', entityId: id, before, after });
    return after;
  });
}

/** Follow-up stays possible after attestation: only the status and its date change. */
export function setActionStatus(ctx: Ctx, id: number, status: ActionItem['status'], doneOn: string | null): ActionItem {
  return write(ctx, (record) => {
    const before = getAction(ctx, id);
    const on = status === 'done' ? (doneOn ?? today(ctx)) : null;
    if (on !== null && on < before.meetingDate)
      throw invalidField('doneOn', 'done_before_meeting', 'An action cannot be done before the meeting that gave it');
    ctx.db
      .prepare('UPDATE action_item SET status = ?, done_on = ?, updated_at = ? WHERE id = ?')
      .run(status, on, ctx.clock.now().toISOString(), id);
    const after = getAction(ctx, id);
    record({
      action: status === 'done' ? 'action_done' : 'action_reopened',
      entity: 'action_item',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export function removeAction(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getAction(ctx, id);
    if (paragraphLocked(ctx, before.paragraphId)) throw locked();
    assertParagraphEditable(ctx, before.paragraphId);
    ctx.db.prepare('UPDATE agenda_item SET from_action_id = NULL WHERE from_action_id = ?').run(id);
    ctx.db.prepare('DELETE FROM action_item WHERE id = ?').run(id);
    record({ action: 'remove_action', entity: 'meeting', entityId: before.meetingId, before });
    return { id };
  });
}

/** Per priority (null: none linked): open and not yet due, open past due, done. */
export function actionStats(ctx: Ctx, bodyId?: number) {
  const byPriority = new Map<
    number | null,
    { priorityId: number | null; priorityName: string | null; open: number; overdue: number; done: number }
  >();
  for (const a of listActions(ctx, bodyId ? { bodyId } : {})) {
    const entry = byPriority.get(a.priorityId) ?? {
      priorityId: a.priorityId,
      priorityName: a.priorityName,
      open: 0,
      overdue: 0,
      done: 0,
    };
    if (a.status === 'done') entry.done++;
    else if (a.overdue) entry.overdue++;
    else entry.open++;
    byPriority.set(a.priorityId, entry);
  }
  const positions = new Map(
    (
      ctx.db.prepare('SELECT id, position FROM agreement_priority').all() as Array<{ id: number; position: number }>
    ).map((p) => [p.id, p.position]),
  );
  return [...byPriority.values()].sort(
    (a, b) =>
      (a.priorityId === null ? 1 : 0) - (b.priorityId === null ? 1 : 0) ||
      (positions.get(a.priorityId!) ?? 0) - (positions.get(b.priorityId!) ?? 0),
  );
}
