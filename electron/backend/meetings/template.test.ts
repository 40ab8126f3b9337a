import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../backend';
import { fixedClock } from '../context';
import { verifyChain } from '../audit/chain';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import { STANDARD_TEMPLATE } from './template';

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
beforeEach(async () => {
  b = await testBackend('2017-04-01T09:00:00Z');
  f = await chefssamrad(b);
});
afterEach(() => b.cleanup());

const titles = (items: Array<{ title: string }>) => items.map((i) => i.title);
const templateEvents = () =>
  b
    .call('history.forRecord', { entity: 'body', entityId: f.body.id })
    .then((h) => h.items.filter((e) => e.action.includes('agenda_template')));

/** Ordförande's own standing items: one added, Föregående protokoll dropped, Lägesbild moved to the end of the opening. */
const OWN = [
  { kind: 'standing', title: 'Mötets öppnande', plannedMinutes: 2, place: 'opening' },
  { kind: 'standing', title: 'Mötets avslutande', plannedMinutes: 2, place: 'closing' },
  { kind: 'standing', title: 'Val av justerare', plannedMinutes: 2, place: 'opening' },
  { kind: 'information', title: 'Rapport från arbetsgrupperna', plannedMinutes: 10, place: 'opening' },
  { kind: 'information', title: 'Lägesbild', plannedMinutes: 20, place: 'opening' },
] as const;

describe('agenda template of a body', () => {
  it('is the standard one until the body has its own; its own applies to new meetings, opening items first', async () => {
    expect(await b.call('agenda.template', { bodyId: f.body.id })).toEqual({
      bodyId: f.body.id,
      isDefault: true,
      items: STANDARD_TEMPLATE,
    });

    const saved = await b.call('agenda.setTemplate', { bodyId: f.body.id, items: [...OWN] });
    expect(saved.isDefault).toBe(false);
    expect(titles(saved.items)).toEqual([
      'Mötets öppnande',
      'Val av justerare',
      'Rapport från arbetsgrupperna',
      'Lägesbild',
      'Mötets avslutande',
    ]);

    const meeting = await f.meeting('2017-05-02');
    const agenda = await b.call('agenda.list', { meetingId: meeting.id });
    expect(titles(agenda)).toEqual(titles(saved.items));
    // the meeting's own items go between the opening and the closing standing items
    await b.call('agenda.add', {
      meetingId: meeting.id,
      fields: { kind: 'decision', title: 'Fordonsbränder', plannedMinutes: 15 },
    });
    expect(titles(await b.call('agenda.list', { meetingId: meeting.id })).slice(-2)).toEqual([
      'Fordonsbränder',
      'Mötets avslutande',
    ]);

    const [event] = await templateEvents();
    expect(event).toMatchObject({ action: 'set_agenda_template', actor: 'testare' });
    expect(titles(event.before as never)).toEqual(titles(STANDARD_TEMPLATE));
    expect(titles(event.after as never)).toEqual(titles(saved.items));
  });

  it('an empty list is a body without standing items, not the standard template', async () => {
    expect(await b.call('agenda.setTemplate', { bodyId: f.body.id, items: [] })).toEqual({
      bodyId: f.body.id,
      isDefault: false,
      items: [],
    });
    const meeting = await f.meeting('2017-05-02');
    expect(await b.call('agenda.list', { meetingId: meeting.id })).toEqual([]);
  });

  it('resets to the standard template, with an audit event, and stays so in the database file', async () => {
    const own = await b.call('agenda.setTemplate', { bodyId: f.body.id, items: [...OWN] });
    const reset = await b.call('agenda.resetTemplate', { bodyId: f.body.id });
    expect(reset).toEqual({ bodyId: f.body.id, isDefault: true, items: STANDARD_TEMPLATE });
    expect(b.ctx.db.prepare('SELECT count(*) FROM agenda_template_item WHERE body_id = ?').pluck().get(f.body.id)).toBe(
      0,
    );

    // resetting what is already standard changes nothing and logs nothing
    await b.call('agenda.resetTemplate', { bodyId: f.body.id });
    const events = await templateEvents();
    expect(events.map((e) => e.action)).toEqual(['reset_agenda_template', 'set_agenda_template']);
    expect(events[0].before).toEqual(own.items);
    expect(titles(events[0].after as never)).toEqual(titles(STANDARD_TEMPLATE));

    const again = await startBackend(b.ctx.dbPath, {
      clock: fixedClock('2017-04-02T09:00:00Z'),
      osUserName: 'testare',
    });
    try {
      expect(await again.dispatch('agenda.template', { bodyId: f.body.id })).toMatchObject({
        ok: true,
        value: { isDefault: true },
      });
      expect(verifyChain(again.ctx.db)).toMatchObject({ ok: true });
    } finally {
      again.close();
    }
  });

  it('refuses an empty title, bad minutes and too many items at the field, changing nothing', async () => {
    await b.call('agenda.setTemplate', { bodyId: f.body.id, items: [...OWN] });
    const empty = await b.fail('agenda.setTemplate', {
      bodyId: f.body.id,
      items: [OWN[0], { ...OWN[1], title: '   ' }, { ...OWN[2], plannedMinutes: 601 }],
    });
    expect(empty).toMatchObject({
      code: 'VALIDATION',
      fields: { 'items.1.title': 'required', 'items.2.plannedMinutes': 'invalid' },
    });
    const many = Array.from({ length: 51 }, (_, i) => ({
      kind: 'standing' as const,
      title: `Punkt ${i + 1}`,
      plannedMinutes: 1,
      place: 'opening' as const,
    }));
    expect(await b.fail('agenda.setTemplate', { bodyId: f.body.id, items: many })).toMatchObject({
      code: 'VALIDATION',
      fields: { items: 'template_too_many' },
    });
    expect(await b.call('agenda.setTemplate', { bodyId: f.body.id, items: many.slice(0, 50) })).toMatchObject({
      isDefault: false,
    });
    expect(await b.fail('agenda.resetTemplate', { bodyId: 9999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await templateEvents()).map((e) => e.action)).toEqual(['set_agenda_template', 'set_agenda_template']);
  });
});
