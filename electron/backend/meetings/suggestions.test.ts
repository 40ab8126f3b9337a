import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { everyPage } from '../../../test/support/paging';
import { generateThroughContract, type GeneratedFacts } from '../../../bench/generate';
import type { ActionItem } from '../../../shared/contract/meetings';

/**
 * The open actions agenda.suggestions offers, checked against choosing them by hand from every
 * open action of the body: none of the meeting itself or of a later meeting, none already on
 * the agenda, the previous meeting's first, then by due date (none last), at most 30, and the
 * total of all that could be offered.
 */
let b: TestBackend;
let facts: GeneratedFacts;
const TODAY = '2026-12-01';

beforeAll(async () => {
  b = await testBackend(`${TODAY}T09:00:00Z`);
  facts = await generateThroughContract(b.dispatch, { paragraphs: 2000, today: TODAY });
}, 600_000);
afterAll(() => b.cleanup());

async function openActionsOf(bodyId: number): Promise<ActionItem[]> {
  const { rows } = await everyPage(
    (after) => b.call('actions.list', { bodyId, status: 'open', limit: 100, after }),
    100,
  );
  return rows;
}

/** An open action on a new § of the meeting (its protocol started if need be). */
async function actionOn(meetingId: number, description: string, dueDate: string | null): Promise<ActionItem> {
  const protocol = (await b.call('protocol.get', { meetingId })) ?? (await b.call('protocol.create', { meetingId }));
  const [organisation] = (await b.call('organisations.list', { limit: 1 })).items;
  return b.call('actions.add', {
    paragraphId: protocol.paragraphs[0].id,
    fields: { description, ownerPersonId: null, ownerOrganisationId: organisation.id, dueDate, priorityId: null },
  });
}

/** What the suggestions should be, chosen by hand. */
async function expected(meetingId: number) {
  const meeting = await b.call('meetings.get', { id: meetingId });
  const suggestions = await b.call('agenda.suggestions', { meetingId });
  const previous = suggestions.previousMeeting?.id ?? null;
  const carried = new Set((await b.call('agenda.list', { meetingId })).map((i) => i.fromActionId));
  const offered = (await openActionsOf(meeting.bodyId))
    .filter(
      (a) =>
        a.meetingId !== meetingId && (a.meetingDate < meeting.date || a.meetingId === previous) && !carried.has(a.id),
    )
    .sort((x, y) => {
      const key = (a: ActionItem) => [a.meetingId === previous ? 0 : 1, a.dueDate ?? '9999-12-31', a.id] as const;
      const [kx, ky] = [key(x), key(y)];
      for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1;
      return 0;
    });
  return { suggestions, offered, previous };
}

describe('agenda.suggestions: the open actions offered', () => {
  it('equal choosing by hand, with the meeting’s own, later meetings’ and carried actions left out', async () => {
    const bodyId = facts.bodyIds[0];
    const upcoming = (await b.call('meetings.list', { bodyId, from: TODAY, limit: 2 })).items;
    expect(upcoming).toHaveLength(2);
    const [next, later] = upcoming;

    const before = await expected(next.id);
    expect(before.offered.length).toBeGreaterThan(30);
    expect(before.suggestions.openActionsTotal).toBe(before.offered.length);
    expect(before.suggestions.openActions.map((a) => a.id)).toEqual(before.offered.slice(0, 30).map((a) => a.id));
    expect(before.suggestions.openActions[0].meetingId).toBe(before.previous);

    // one of the previous meeting's and the last one shown are taken up; the meeting itself and a later one get actions
    const taken = [before.offered[0].id, before.offered[29].id];
    await b.call('agenda.carryOver', { meetingId: next.id, actionIds: taken });
    const own = await actionOn(next.id, 'Följ upp trygghetsvandringen', '2026-12-10');
    const afterwards = await actionOn(later.id, 'Rapportera till kommunstyrelsen', '2026-11-01');

    const now = await expected(next.id);
    const ids = now.suggestions.openActions.map((a) => a.id);
    expect(now.suggestions.openActionsTotal).toBe(before.offered.length - 2);
    expect(now.suggestions.openActionsTotal).toBe(now.offered.length);
    expect(ids).toEqual(now.offered.slice(0, 30).map((a) => a.id));
    for (const left of [...taken, own.id, afterwards.id]) expect(ids).not.toContain(left);
  });

  it('counts the previous meeting’s actions when it was held earlier the same day', async () => {
    const bodyId = facts.bodyIds[1];
    const [next] = (await b.call('meetings.list', { bodyId, from: TODAY, limit: 1 })).items;
    const sameDay = await b.call('meetings.create', {
      bodyId,
      date: next.date,
      startTime: '07:00',
      endTime: '08:00',
      place: null,
      chairId: null,
      secretaryId: null,
      justerareIds: [],
      notes: null,
      applyTemplate: true,
    });
    const first = await actionOn(sameDay.id, 'Kalla till extra möte', null);

    const now = await expected(next.id);
    expect(now.previous).toBe(sameDay.id);
    expect(now.suggestions.openActions[0].id).toBe(first.id);
    expect(now.suggestions.openActionsTotal).toBe(now.offered.length);
    expect(now.suggestions.openActions.map((a) => a.id)).toEqual(now.offered.slice(0, 30).map((a) => a.id));
  });
});
