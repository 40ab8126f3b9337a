import type { Ctx } from '../context';
import type { ParsedInput } from '../../../shared/contract';
import { keysetPage, mapPage } from '../paging';

type Filter = ParsedInput<'paragraphs.list'>;

interface Row {
  id: number;
  meeting_id: number;
  meeting_date: string;
  body_id: number;
  body_name: string;
  year: number;
  number: number;
  title: string;
  dnr: string | null;
  priority_name: string | null;
  locked: number;
  open_actions: number;
}

const COLUMNS = `p.id, p.meeting_id, m.date AS meeting_date, p.body_id, b.name AS body_name, p.year, p.number, p.title, p.dnr,
         pr.title AS priority_name, l.locked,
         (SELECT count(*) FROM action_item x WHERE x.paragraph_id = p.id AND x.status = 'open') AS open_actions`;
const FROM = `paragraph p
  JOIN meeting m ON m.id = p.meeting_id
  JOIN body b ON b.id = p.body_id
  JOIN paragraph_lock l ON l.paragraph_id = p.id
  LEFT JOIN agreement_priority pr ON pr.id = p.priority_id`;
const SELECT = `SELECT ${COLUMNS} FROM ${FROM}`;

const toSummary = (r: Row) => ({
  id: r.id,
  meetingId: r.meeting_id,
  meetingDate: r.meeting_date,
  bodyId: r.body_id,
  bodyName: r.body_name,
  year: r.year,
  number: r.number,
  title: r.title,
  dnr: r.dnr,
  priorityName: r.priority_name,
  locked: r.locked === 1,
  openActions: r.open_actions,
});

/** The §§ of one meeting (optionally only those to be continued), in number order. */
export function paragraphsOfMeeting(ctx: Ctx, meetingId: number, o: { carryOver?: boolean } = {}) {
  return (
    ctx.db
      .prepare(`${SELECT} WHERE p.meeting_id = ? ${o.carryOver ? 'AND p.carry_over = 1' : ''} ORDER BY p.number`)
      .all(meetingId) as Row[]
  ).map(toSummary);
}

/** §§ across protocols, by body, year and number (the UNIQUE index), a page at a time. */
export function pageParagraphs(ctx: Ctx, filter: Filter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.bodyId) {
    where.push('p.body_id = @bodyId');
    params.bodyId = filter.bodyId;
  }
  if (filter.year) {
    where.push('p.year = @year');
    params.year = filter.year;
  }
  if (filter.meetingId) {
    where.push('p.meeting_id = @meetingId');
    params.meetingId = filter.meetingId;
  }
  const page = keysetPage<Row>(ctx.db, {
    select: COLUMNS,
    from: FROM,
    countFrom: 'paragraph p',
    where,
    params,
    key: ['p.body_id', 'p.year', 'p.number'],
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(page, toSummary);
}
