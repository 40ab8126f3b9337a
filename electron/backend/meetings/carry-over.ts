import type { Ctx } from '../context';
import { write } from '../audit/log';
import type { AgendaItem } from '../../../shared/contract/meetings';
import { openActionsBefore } from './actions';
import { insertAgendaItem, listAgenda } from './agenda';
import { invalidField } from './errors';
import { paragraphsOfMeeting } from './paragraphs';
import { assertAgendaEditable, meetingExists } from './state';

function meetingOf(ctx: Ctx, meetingId: number) {
  return ctx.db.prepare('SELECT id, body_id, date, start_time FROM meeting WHERE id = ?').get(meetingId) as {
    id: number;
    body_id: number;
    date: string;
    start_time: string;
  };
}

/** Open actions offered at most: the previous meeting's, then the most overdue; the rest are on the Uppdrag page. */
export const SUGGESTED_ACTIONS = 30;

/**
 * What the next agenda should take up: §§ of the body's previous meeting marked to be
 * continued, and action items still open from earlier meetings — minus those already carried
 * onto this agenda.
 */
export function agendaSuggestions(ctx: Ctx, meetingId: number) {
  meetingExists(ctx, meetingId);
  const m = meetingOf(ctx, meetingId);
  const previous = ctx.db
    .prepare(
      `SELECT id, date FROM meeting WHERE body_id = ? AND status = 'planned' AND (date < ? OR (date = ? AND start_time < ?))
       ORDER BY date DESC, start_time DESC LIMIT 1`,
    )
    .get(m.body_id, m.date, m.date, m.start_time) as { id: number; date: string } | undefined;
  const carriedParagraphs = new Set(
    ctx.db
      .prepare('SELECT from_paragraph_id FROM agenda_item WHERE meeting_id = ? AND from_paragraph_id IS NOT NULL')
      .pluck()
      .all(meetingId) as number[],
  );
  const unfinished = previous
    ? paragraphsOfMeeting(ctx, previous.id, { carryOver: true }).filter((p) => !carriedParagraphs.has(p.id))
    : [];
  const open = openActionsBefore(ctx, {
    meeting: { id: meetingId, bodyId: m.body_id, date: m.date },
    previousMeetingId: previous?.id ?? null,
    limit: SUGGESTED_ACTIONS,
  });
  return { previousMeeting: previous ?? null, unfinished, openActions: open.items, openActionsTotal: open.total };
}

export function carryOver(ctx: Ctx, meetingId: number, paragraphIds: number[], actionIds: number[]): AgendaItem[] {
  write(ctx, (record) => {
    assertAgendaEditable(ctx, meetingId);
    const offered = agendaSuggestions(ctx, meetingId);
    for (const id of paragraphIds) {
      const p = offered.unfinished.find((u) => u.id === id);
      if (!p)
        throw invalidField(
          'paragraphIds',
          'not_offered',
          `§ ${id} is not among the unfinished items offered for this meeting`,
        );
      const source = ctx.db.prepare('SELECT kind, background, priority_id FROM paragraph WHERE id = ?').get(id) as {
        kind: AgendaItem['kind'];
        background: string | null;
        priority_id: number | null;
      };
      insertAgendaItem(
        ctx,
        meetingId,
        {
          kind: source.kind,
          title: p.title,
          description: `Återupptas från ${p.meetingDate} § ${p.number}.`,
          presenter: null,
          plannedMinutes: 10,
          priorityId: source.priority_id,
          dnr: p.dnr,
        },
        undefined,
        { fromParagraphId: id },
      );
      record({
        action: 'carry_over_paragraph',
        entity: 'meeting',
        entityId: meetingId,
        after: { paragraphId: id, number: p.number, title: p.title },
      });
    }
    for (const id of actionIds) {
      const a = offered.openActions.find((o) => o.id === id);
      if (!a)
        throw invalidField(
          'actionIds',
          'not_offered',
          `Action ${id} is not among the open actions offered for this meeting`,
        );
      const dnr = ctx.db.prepare('SELECT dnr FROM paragraph WHERE id = ?').pluck().get(a.paragraphId) as string | null;
      insertAgendaItem(
        ctx,
        meetingId,
        {
          kind: 'information',
          title: `Uppföljning: ${a.description}`.slice(0, 300),
          description: `Uppdrag från ${a.meetingDate} § ${a.paragraphNumber}, ansvarig ${a.ownerName}${a.dueDate ? `, klart senast ${a.dueDate}` : ''}.`,
          presenter: a.ownerName,
          plannedMinutes: 5,
          priorityId: a.priorityId,
          dnr,
        },
        undefined,
        { fromActionId: id },
      );
      record({
        action: 'carry_over_action',
        entity: 'meeting',
        entityId: meetingId,
        after: { actionId: id, description: a.description },
      });
    }
  });
  return listAgenda(ctx, meetingId);
}
