import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { getSetting, putSetting } from '../session/settings';
import { DESK_LIST, type Desk, type DeskSettings } from '../../../shared/contract/desk';
import { listAgreements } from '../agreements/agreements';
import { addDays } from '../agreements/period';
import { actionStats } from '../meetings/actions';
import { recordEvents } from '../audit/record-events';

const DEFAULTS: DeskSettings = { justeringDays: 14, publicationDays: 2 };
const KEYS: Record<keyof DeskSettings, string> = {
  justeringDays: 'desk.justeringDays',
  publicationDays: 'desk.publicationDays',
};

export function getDeskSettings(ctx: Ctx): DeskSettings {
  const read = (key: keyof DeskSettings) => {
    const value = Number(getSetting(ctx.db, KEYS[key]));
    return getSetting(ctx.db, KEYS[key]) !== null && Number.isInteger(value) && value >= 0 ? value : DEFAULTS[key];
  };
  return { justeringDays: read('justeringDays'), publicationDays: read('publicationDays') };
}

export function updateDeskSettings(ctx: Ctx, settings: DeskSettings): DeskSettings {
  ctx.db.transaction(() => {
    putSetting(ctx.db, KEYS.justeringDays, String(settings.justeringDays));
    putSetting(ctx.db, KEYS.publicationDays, String(settings.publicationDays));
  })();
  return getDeskSettings(ctx);
}

function agreementLine(ctx: Ctx): Desk['agreement'] {
  const summary = listAgreements(ctx).find((a) => a.inForce) ?? listAgreements(ctx).find((a) => a.latest);
  const version = summary?.inForce ?? summary?.latest;
  if (!summary || !version) return null;
  return {
    agreementId: summary.id,
    name: summary.name,
    versionId: version.id,
    title: version.title,
    validTo: version.validTo,
    inForce: summary.inForce !== null,
    daysLeft: summary.daysLeft,
    endingSoon: summary.endingSoon || summary.inForce === null,
    renewalId: summary.pendingRenewal?.id ?? null,
  };
}

function nextMeeting(ctx: Ctx, on: string): Desk['nextMeeting'] {
  const row = ctx.db
    .prepare(
      `SELECT m.id, b.name AS bodyName, m.date, m.start_time AS startTime,
              (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS attendees,
              (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id) AS items
       FROM meeting m JOIN body b ON b.id = m.body_id
       WHERE m.status = 'planned' AND m.date >= ? ORDER BY m.date, m.start_time LIMIT 1`,
    )
    .get(on) as
    | {
        id: number;
        bodyName: string;
        date: string;
        startTime: string;
        attendees: number;
        items: number;
      }
    | undefined;
  if (!row) return null;
  const lacks: Array<'roster' | 'agenda' | 'notice'> = [];
  if (row.attendees === 0) lacks.push('roster');
  if (row.items === 0) lacks.push('agenda');
  // the kallelse counts as sent once the agenda was exported (the log's JSON is deflated: read it here, not in SQL)
  const noticeSent = recordEvents(ctx.db, 'meeting', row.id, ['export']).some(
    (e) => e.after !== null && (JSON.parse(e.after) as { kind?: string }).kind === 'agenda',
  );
  if (!noticeSent) lacks.push('notice');
  return { id: row.id, bodyName: row.bodyName, date: row.date, startTime: row.startTime, lacks };
}

/** Everything the secretary's desk shows, as of today on the organisation's clock. */
export function getDesk(ctx: Ctx): Desk {
  const on = today(ctx);
  const settings = getDeskSettings(ctx);
  // both through the partial index protocol_unattested (migration 016): the few not attested
  const awaiting = ctx.db
    .prepare(
      `SELECT m.id, b.name AS bodyName, m.date FROM protocol p JOIN meeting m ON m.id = p.meeting_id JOIN body b ON b.id = m.body_id
       WHERE p.status <> 'attested' ORDER BY m.date, m.start_time, m.id LIMIT ?`,
    )
    .all(DESK_LIST) as Array<{ id: number; bodyName: string; date: string }>;
  const awaitingTotal = ctx.db
    .prepare(`SELECT count(*) FROM protocol WHERE status <> 'attested'`)
    .pluck()
    .get() as number;
  const attestedOn = '(SELECT max(a.date) FROM attestation a WHERE a.meeting_id = m.id)';
  // its last attestation is on or after the date when any is: those are found by date (index
  // attestation_date, migration 016) instead of asking every attested protocol for its last one
  const attestedSince = `FROM protocol p JOIN meeting m ON m.id = p.meeting_id JOIN body b ON b.id = m.body_id
       WHERE p.status = 'attested' AND p.meeting_id IN (SELECT a.meeting_id FROM attestation a WHERE a.date >= ?)`;
  const since = addDays(on, -30);
  const attested = ctx.db
    .prepare(
      `SELECT m.id, b.name AS bodyName, m.date, ${attestedOn} AS attestedOn ${attestedSince} ORDER BY attestedOn, m.date, m.id LIMIT ?`,
    )
    .all(since, DESK_LIST) as Array<{ id: number; bodyName: string; date: string; attestedOn: string }>;
  const attestedTotal = ctx.db.prepare(`SELECT count(*) ${attestedSince}`).pluck().get(since) as number;
  return {
    today: on,
    settings,
    agreement: agreementLine(ctx),
    nextMeeting: nextMeeting(ctx, on),
    awaitingJustering: {
      items: awaiting.map((m) => {
        const due = addDays(m.date, settings.justeringDays);
        return { ...m, due, overdue: due < on };
      }),
      total: awaitingTotal,
    },
    publication: {
      items: attested.map((m) => {
        const due = addDays(m.attestedOn, settings.publicationDays);
        return { ...m, due, overdue: due < on };
      }),
      total: attestedTotal,
    },
    // from the counters actions.stats reads (migration 011), most overdue first
    overdueActions: actionStats(ctx)
      .filter((a) => a.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue)
      .map((a) => ({ priorityId: a.priorityId, priorityName: a.priorityName, count: a.overdue })),
  };
}
