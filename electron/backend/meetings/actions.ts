import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { ActionItem, actionFilter, actionItemFields } from '../../../shared/contract/meetings';
import { invalidField, locked } from './errors';
import { checkPriority } from './priorities';
import { assertParagraphEditable, paragraphLocked } from './state';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';

type Fields = z.output<typeof actionItemFields>;
type Filter = z.output<typeof actionFilter>;

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

/** An action's priority is its own, else its §'s: stored as `effective_priority_id` (migration 008). */
const COLUMNS = `x.*, p.meeting_id, m.date AS meeting_date, b.name AS body_name, p.number AS paragraph_number, p.title AS paragraph_title,
         coalesce(op.name, oo.name) AS owner_name,
         x.effective_priority_id AS priority_id, pr.title AS priority_name, l.locked`;
const FROM = `action_item x
  JOIN paragraph p ON p.id = x.paragraph_id
  JOIN meeting m ON m.id = p.meeting_id
  JOIN body b ON b.id = m.body_id
  JOIN paragraph_lock l ON l.paragraph_id = p.id
  LEFT JOIN person op ON op.id = x.owner_person_id
  LEFT JOIN organisation oo ON oo.id = x.owner_organisation_id
  LEFT JOIN agreement_priority pr ON pr.id = x.effective_priority_id`;
const SELECT = `SELECT ${COLUMNS} FROM ${FROM}`;

/** The order users follow actions in: open before done, by due date (overdue first, none last); its index is action_item_order. */
export const ACTION_ORDER = ["x.status = 'done'", "coalesce(x.due_date, '9999-12-31')", 'x.id'];

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

/** The actions of one meeting's §§, in protocol order. */
export function actionsOfMeeting(ctx: Ctx, meetingId: number): ActionItem[] {
  const now = today(ctx);
  return (ctx.db.prepare(`${SELECT} WHERE p.meeting_id = ? ORDER BY p.position, x.id`).all(meetingId) as Row[]).map(
    (r) => toAction(r, now),
  );
}

/**
 * Open actions of the meeting's body from meetings before its date (or from
 * `previousMeetingId`), those of the previous meeting first, then by due date: what its agenda
 * may take up. Each part is read in index order and stops at `limit` (the previous meeting's §§,
 * then the body's open actions in action_item_body_order), so twenty years of open actions are
 * never joined and sorted; the total subtracts the few not offered from the body's open
 * actions, counted in that index.
 */
export function openActionsBefore(
  ctx: Ctx,
  o: { meeting: { id: number; bodyId: number; date: string }; previousMeetingId: number | null; limit: number },
): { items: ActionItem[]; total: number } {
  const params = {
    bodyId: o.meeting.bodyId,
    date: o.meeting.date,
    meetingId: o.meeting.id,
    previous: o.previousMeetingId ?? 0,
  };
  const notCarried =
    'NOT EXISTS (SELECT 1 FROM agenda_item a WHERE a.meeting_id = @meetingId AND a.from_action_id = x.id)';
  const order = ACTION_ORDER.slice(1).join(', ');
  const now = today(ctx);
  const read = (where: string, limit: number) =>
    (
      ctx.db
        .prepare(`${SELECT} WHERE ${where} AND ${notCarried} ORDER BY ${order} LIMIT @limit`)
        .all({ ...params, limit }) as Row[]
    ).map((r) => toAction(r, now));
  // `status = 'open'`, not the index's `(status = 'done') = 0`: this part reads the previous
  // meeting's §§ and sorts its few actions, instead of walking every open action in order
  const fromPrevious = read("p.meeting_id = @previous AND x.status = 'open'", o.limit);
  const earlier = read(
    "x.body_id = @bodyId AND (x.status = 'done') = 0 AND m.date < @date AND p.meeting_id <> @previous",
    o.limit - fromPrevious.length,
  );
  // the body's open actions, less those of meetings on or after this one's date other than the
  // previous one (this one among them), less those offered but already on this agenda
  const total = ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM action_item x WHERE x.body_id = @bodyId AND (x.status = 'done') = 0)
         - (SELECT count(*) FROM meeting m JOIN paragraph p ON p.meeting_id = m.id JOIN action_item x ON x.paragraph_id = p.id
            WHERE m.body_id = @bodyId AND m.date >= @date AND m.id <> @previous AND x.status = 'open')
         - (SELECT count(*) FROM agenda_item a JOIN action_item x ON x.id = a.from_action_id
              JOIN paragraph p ON p.id = x.paragraph_id JOIN meeting m ON m.id = p.meeting_id
            WHERE a.meeting_id = @meetingId AND x.body_id = @bodyId AND x.status = 'open'
              AND (m.date < @date OR p.meeting_id = @previous))`,
    )
    .pluck()
    .get(params) as number;
  return { items: [...fromPrevious, ...earlier], total };
}

/** The filters the counters of migration 011 (per body, effective priority and status) answer a total for. */
const TALLIED: ReadonlySet<string> = new Set(['bodyId', 'priorityId', 'withoutPriority', 'status', 'limit', 'after']);

/** The number of actions a filter of body, priority and status matches, from the counters instead of the actions. */
function talliedTotal(ctx: Ctx, filter: Filter): number {
  return ctx.db
    .prepare(
      `SELECT coalesce(sum(n), 0) FROM action_tally
       WHERE (@bodyId IS NULL OR body_id = @bodyId) AND (@priorityId IS NULL OR priority_id = @priorityId)
         AND (@withoutPriority = 0 OR priority_id = 0) AND (@status IS NULL OR status = @status)`,
    )
    .pluck()
    .get({
      bodyId: filter.bodyId ?? null,
      priorityId: filter.priorityId ?? null,
      withoutPriority: filter.withoutPriority ? 1 : 0,
      status: filter.status ?? null,
    }) as number;
}

/** The contract's list: filtered, a page at a time, in ACTION_ORDER; `overdue` against today's date. */
export function pageActions(ctx: Ctx, filter: Filter): Page<ActionItem> {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: today(ctx) };
  let needsParagraph = false;
  if (filter.bodyId) {
    where.push('x.body_id = @bodyId');
    params.bodyId = filter.bodyId;
  }
  if (filter.meetingId) {
    where.push('p.meeting_id = @meetingId');
    params.meetingId = filter.meetingId;
    needsParagraph = true;
  }
  if (filter.priorityId) {
    where.push('x.effective_priority_id = @priorityId');
    params.priorityId = filter.priorityId;
  }
  if (filter.withoutPriority) where.push('x.effective_priority_id IS NULL');
  if (filter.ownerPersonId) {
    where.push('x.owner_person_id = @ownerPersonId');
    params.ownerPersonId = filter.ownerPersonId;
  }
  if (filter.ownerOrganisationId) {
    where.push('x.owner_organisation_id = @ownerOrganisationId');
    params.ownerOrganisationId = filter.ownerOrganisationId;
  }
  if (filter.status) {
    where.push(`(x.status = 'done') = @done`);
    params.done = filter.status === 'done' ? 1 : 0;
  }
  if (filter.overdue !== undefined) {
    where.push(
      filter.overdue
        ? "((x.status = 'done') = 0 AND coalesce(x.due_date, '9999-12-31') < @today)"
        : "NOT ((x.status = 'done') = 0 AND coalesce(x.due_date, '9999-12-31') < @today)",
    );
  }
  const found = keysetPage<Row>(ctx.db, {
    select: COLUMNS,
    from: FROM,
    countFrom: needsParagraph ? 'action_item x JOIN paragraph p ON p.id = x.paragraph_id' : 'action_item x',
    where,
    params,
    // with the status fixed, its term in the key would make SQLite sort instead of walking action_item_order
    key: filter.status ? ACTION_ORDER.slice(1) : ACTION_ORDER,
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
    // the Uppdrag page's own filters: the counters know the total without counting 20 000 done actions
    total: Object.entries(filter).every(([key, value]) => value === undefined || TALLIED.has(key))
      ? () => talliedTotal(ctx, filter)
      : undefined,
  });
  return mapPage(found, (r) => toAction(r, params.today as string));
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

/**
 * Per priority (null: none linked): open and not yet due, open past due, done, in the
 * priorities' order (none last). The totals come from the counters migration 011 keeps; of the
 * open ones only those not yet due (or without a due date) are counted here, over the
 * `action_item_order` index: they are the few from the last months, and the rest are overdue.
 */
export function actionStats(ctx: Ctx, bodyId?: number) {
  return ctx.db
    .prepare(
      // one row per priority area, not per version of it: a renewal copies each priority with
      // the same key, and actions linked to either version count together under the newest
      `WITH tally AS (
         SELECT nullif(t.priority_id, 0) AS priority_id,
                sum(CASE WHEN t.status = 'open' THEN t.n ELSE 0 END) AS open,
                sum(CASE WHEN t.status = 'done' THEN t.n ELSE 0 END) AS done
         FROM action_tally t WHERE @bodyId IS NULL OR t.body_id = @bodyId
         GROUP BY t.priority_id),
       not_due AS (
         SELECT x.effective_priority_id AS priority_id, count(*) AS n
         FROM action_item x
         WHERE ${bodyId ? 'x.body_id = @bodyId AND' : ''} (x.status = 'done') = 0 AND coalesce(x.due_date, '9999-12-31') >= @today
         GROUP BY x.effective_priority_id),
       c AS (
         SELECT tally.priority_id, coalesce(not_due.n, 0) AS open, tally.open - coalesce(not_due.n, 0) AS overdue,
                tally.done
         FROM tally LEFT JOIN not_due ON not_due.priority_id IS tally.priority_id
         WHERE tally.open + tally.done > 0)
       SELECT g.priority_id AS priorityId, named.title AS priorityName, g.open, g.overdue, g.done
       FROM (SELECT max(c.priority_id) AS priority_id, min(pr.position) AS position,
                    sum(c.open) AS open, sum(c.overdue) AS overdue, sum(c.done) AS done
             FROM c LEFT JOIN agreement_priority pr ON pr.id = c.priority_id
             GROUP BY pr.key) g
       LEFT JOIN agreement_priority named ON named.id = g.priority_id
       ORDER BY g.priority_id IS NULL, g.position, g.priority_id`,
    )
    .all({ today: today(ctx), bodyId: bodyId ?? null }) as Array<{
    priorityId: number | null;
    priorityName: string | null;
    open: number;
    overdue: number;
    done: number;
  }>;
}
