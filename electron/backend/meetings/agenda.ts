import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { AgendaItem, AgendaPlan, agendaItemFields } from '../../../shared/contract/meetings';
import { nameKey } from '../../../shared/text/collate';
import { addMinutes } from './dates';
import { invalidField } from './errors';
import { checkPriority } from './priorities';
import { assertAgendaEditable, meetingExists } from './state';
import { getTemplate } from './template';

type Fields = z.output<typeof agendaItemFields>;

interface Row {
  id: number;
  meeting_id: number;
  position: number;
  kind: AgendaItem['kind'];
  title: string;
  description: string | null;
  presenter: string | null;
  planned_minutes: number;
  priority_id: number | null;
  priority_name: string | null;
  dnr: string | null;
  template_place: 'opening' | 'closing' | null;
  from_paragraph_id: number | null;
  from_action_id: number | null;
}

const SELECT = `SELECT a.*, pr.title AS priority_name FROM agenda_item a LEFT JOIN agreement_priority pr ON pr.id = a.priority_id`;

/** The agenda in order, with the running time plan from the meeting's start. */
export function listAgenda(ctx: Ctx, meetingId: number): AgendaItem[] {
  meetingExists(ctx, meetingId);
  const start = ctx.db.prepare('SELECT start_time FROM meeting WHERE id = ?').pluck().get(meetingId) as string;
  const rows = ctx.db.prepare(`${SELECT} WHERE a.meeting_id = ? ORDER BY a.position, a.id`).all(meetingId) as Row[];
  let clock = start;
  return rows.map((r) => {
    const startsAt = clock;
    clock = addMinutes(clock, r.planned_minutes);
    return {
      id: r.id,
      meetingId: r.meeting_id,
      position: r.position,
      kind: r.kind,
      title: r.title,
      description: r.description,
      presenter: r.presenter,
      plannedMinutes: r.planned_minutes,
      startsAt,
      endsAt: clock,
      priorityId: r.priority_id,
      priorityName: r.priority_name,
      dnr: r.dnr,
      fromParagraphId: r.from_paragraph_id,
      fromActionId: r.from_action_id,
    };
  });
}

const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};

/** The agenda and its time plan: the total planned, and the minutes it runs past the end time. */
export function planAgenda(ctx: Ctx, meetingId: number): AgendaPlan {
  const items = listAgenda(ctx, meetingId);
  const meeting = ctx.db.prepare('SELECT start_time, end_time FROM meeting WHERE id = ?').get(meetingId) as {
    start_time: string;
    end_time: string;
  };
  const totalMinutes = items.reduce((sum, item) => sum + item.plannedMinutes, 0);
  const length = minutesOf(meeting.end_time) - minutesOf(meeting.start_time);
  return { items, totalMinutes, overrunMinutes: Math.max(0, totalMinutes - length) };
}

function getItem(ctx: Ctx, id: number): AgendaItem {
  const meetingId = ctx.db.prepare('SELECT meeting_id FROM agenda_item WHERE id = ?').pluck().get(id) as
    number | undefined;
  if (meetingId === undefined) throw notFound('agenda_item', id);
  return listAgenda(ctx, meetingId).find((i) => i.id === id)!;
}

function orderedIds(ctx: Ctx, meetingId: number): number[] {
  return ctx.db
    .prepare('SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position, id')
    .pluck()
    .all(meetingId) as number[];
}

function renumberPositions(ctx: Ctx, ids: number[]): void {
  // two steps so that no intermediate state needs a free position
  const update = ctx.db.prepare('UPDATE agenda_item SET position = ? WHERE id = ? AND position <> ?');
  ids.forEach((id, index) => update.run(index + 1, id, index + 1));
}

/** Where a new item goes by default: before the closing standing items (övriga frågor, avslutande). */
function defaultPosition(ctx: Ctx, meetingId: number): number {
  const firstClosing = ctx.db
    .prepare("SELECT min(position) FROM agenda_item WHERE meeting_id = ? AND template_place = 'closing'")
    .pluck()
    .get(meetingId) as number | null;
  const count = ctx.db
    .prepare('SELECT count(*) FROM agenda_item WHERE meeting_id = ?')
    .pluck()
    .get(meetingId) as number;
  return firstClosing ?? count + 1;
}

interface Extra {
  templatePlace?: 'opening' | 'closing' | null;
  fromParagraphId?: number | null;
  fromActionId?: number | null;
}

/** Inserts one item at `position` (1-based) and closes the order up; runs inside a write. */
export function insertAgendaItem(
  ctx: Ctx,
  meetingId: number,
  f: Fields,
  position: number | undefined,
  extra: Extra = {},
): number {
  checkPriority(ctx, f.priorityId);
  const ids = orderedIds(ctx, meetingId);
  const at = Math.min(Math.max(1, position ?? defaultPosition(ctx, meetingId)), ids.length + 1);
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO agenda_item (meeting_id, position, kind, title, description, presenter, planned_minutes, priority_id, dnr,
         template_place, from_paragraph_id, from_action_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      meetingId,
      ids.length + 1,
      f.kind,
      f.title,
      f.description,
      f.presenter,
      f.plannedMinutes,
      f.priorityId,
      f.dnr,
      extra.templatePlace ?? null,
      extra.fromParagraphId ?? null,
      extra.fromActionId ?? null,
      now,
      now,
    );
  const id = Number(lastInsertRowid);
  ids.splice(at - 1, 0, id);
  renumberPositions(ctx, ids);
  return id;
}

export function addAgendaItem(ctx: Ctx, meetingId: number, f: Fields, position?: number): AgendaItem {
  return write(ctx, (record) => {
    assertAgendaEditable(ctx, meetingId);
    const id = insertAgendaItem(ctx, meetingId, f, position);
    const created = getItem(ctx, id);
    record({ action: 'add_agenda_item', entity: 'meeting', entityId: meetingId, after: created });
    return created;
  });
}

export function updateAgendaItem(ctx: Ctx, id: number, f: Fields): AgendaItem {
  return write(ctx, (record) => {
    const before = getItem(ctx, id);
    assertAgendaEditable(ctx, before.meetingId);
    checkPriority(ctx, f.priorityId);
    ctx.db
      .prepare(
        'UPDATE agenda_item SET kind = ?, title = ?, description = ?, presenter = ?, planned_minutes = ?, priority_id = ?, dnr = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        f.kind,
        f.title,
        f.description,
        f.presenter,
        f.plannedMinutes,
        f.priorityId,
        f.dnr,
        ctx.clock.now().toISOString(),
        id,
      );
    const after = getItem(ctx, id);
    record({ action: 'update_agenda_item', entity: 'meeting', entityId: before.meetingId, before, after });
    return after;
  });
}

export function removeAgendaItem(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getItem(ctx, id);
    assertAgendaEditable(ctx, before.meetingId);
    ctx.db.prepare('DELETE FROM agenda_item WHERE id = ?').run(id);
    renumberPositions(ctx, orderedIds(ctx, before.meetingId));
    record({ action: 'remove_agenda_item', entity: 'meeting', entityId: before.meetingId, before });
    return { id };
  });
}

export function reorderAgenda(ctx: Ctx, meetingId: number, itemIds: number[]): AgendaItem[] {
  write(ctx, (record) => {
    assertAgendaEditable(ctx, meetingId);
    const current = orderedIds(ctx, meetingId);
    if (
      itemIds.length !== current.length ||
      new Set(itemIds).size !== itemIds.length ||
      !itemIds.every((i) => current.includes(i))
    ) {
      throw invalidField('itemIds', 'order_mismatch', 'Give every item of the agenda exactly once');
    }
    renumberPositions(ctx, itemIds);
    record({ action: 'reorder_agenda', entity: 'meeting', entityId: meetingId, before: current, after: itemIds });
  });
  return listAgenda(ctx, meetingId);
}

/** Adds the template's items the agenda lacks (by title): opening ones first, closing ones last. Runs inside a write. */
export function applyTemplate(ctx: Ctx, meetingId: number): number {
  const bodyId = ctx.db.prepare('SELECT body_id FROM meeting WHERE id = ?').pluck().get(meetingId) as number;
  const have = new Set(
    (ctx.db.prepare('SELECT title FROM agenda_item WHERE meeting_id = ?').pluck().all(meetingId) as string[]).map(
      nameKey,
    ),
  );
  const { items } = getTemplate(ctx, bodyId);
  let opening = 0;
  let added = 0;
  for (const t of items) {
    if (t.place === 'opening') opening++;
    if (have.has(nameKey(t.title))) continue;
    const fields: Fields = {
      kind: t.kind,
      title: t.title,
      description: null,
      presenter: null,
      plannedMinutes: t.plannedMinutes,
      priorityId: null,
      dnr: null,
    };
    const count = orderedIds(ctx, meetingId).length;
    insertAgendaItem(ctx, meetingId, fields, t.place === 'opening' ? opening : count + 1, { templatePlace: t.place });
    added++;
  }
  return added;
}

export function applyTemplateToMeeting(ctx: Ctx, meetingId: number): AgendaItem[] {
  write(ctx, (record) => {
    assertAgendaEditable(ctx, meetingId);
    const added = applyTemplate(ctx, meetingId);
    if (added) record({ action: 'apply_agenda_template', entity: 'meeting', entityId: meetingId, after: { added } });
  });
  return listAgenda(ctx, meetingId);
}
