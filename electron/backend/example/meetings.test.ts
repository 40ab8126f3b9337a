import { afterEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';

let b: TestBackend;
afterEach(() => b.cleanup());

describe('example: the 2017 Chefssamråd year', () => {
  it('holds four attested protocols numbered through the year, a substitute, jäv, a correction and actions per priority', async () => {
    b = await testBackend('2018-06-01T09:00:00Z');
    await b.call('example.load', { confirmed: false });
    const meetings = (await b.call('meetings.list', { year: 2017 })).items;
    expect(meetings.map((m) => [m.date, m.protocolStatus, m.chair?.name])).toEqual([
      ['2017-03-14', 'attested', 'Camilla Broo'],
      ['2017-06-13', 'attested', 'Camilla Broo'],
      ['2017-09-12', 'attested', 'Camilla Broo'],
      ['2017-12-12', 'attested', 'Camilla Broo'],
    ]);
    const numbers = (await b.call('paragraphs.list', { year: 2017 })).items.map((p) => p.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(meetings.map((m) => m.justerare.map((j) => j.name))).toEqual([
      ['Peter Nylind'],
      ['Lars-Göran Uddholm'],
      ['Lars-Göran Uddholm'],
      ['Peter Nylind'],
    ]);

    const september = meetings[2];
    const attendance = await b.call('attendance.list', { meetingId: september.id });
    expect(attendance.find((a) => a.substituteFor)).toMatchObject({
      personName: 'Anders Wikström',
      substituteFor: { name: 'Peter Nylind' },
      decisionMaker: true,
    });
    const protocol = (await b.call('protocol.get', { meetingId: september.id }))!;
    expect(protocol.paragraphs.some((p) => p.recusals.some((r) => r.personName === 'Lars-Göran Uddholm'))).toBe(true);
    // the unfinished June item was carried over to September
    expect(protocol.paragraphs.map((p) => p.title)).toContain('Ungdomar i riskzon: sommarinsatser');

    const june = (await b.call('protocol.get', { meetingId: meetings[1].id }))!;
    expect(june.paragraphs.flatMap((p) => p.corrections).map((c) => c.date)).toEqual(['2017-06-28']);
    const december = (await b.call('protocol.get', { meetingId: meetings[3].id }))!;
    expect(december.paragraphs.filter((p) => p.immediatelyAttested).map((p) => p.title)).toEqual(['Mötesplan 2018']);

    const priorities = await b.call('meetings.priorities', { on: '2017-06-01' });
    expect(priorities.map((p) => p.name)).toEqual([
      'Organiserad brottslighet',
      'Kriminalitet bland ungdomar',
      'Otrygghet i bostadsområden och centrumanläggningar',
      'Bostadsinbrott',
      'Fordonsbränder',
    ]);
    expect((await b.call('actions.list', { priorityId: priorities[4].id })).items.map((a) => a.description)).toEqual([
      'Ta fram gemensam handlingsplan mot fordonsbränder',
    ]);
    const stats = await b.call('actions.stats', {});
    expect(stats.filter((s) => s.priorityId !== null)).toHaveLength(5);
    expect(stats.reduce((n, s) => n + s.open + s.overdue + s.done, 0)).toBe(8);
  });

  it('follows the clock: meetings still to come have an agenda and no protocol', async () => {
    b = await testBackend('2017-05-01T09:00:00Z');
    await b.call('example.load', { confirmed: false });
    const meetings = (await b.call('meetings.list', { year: 2017 })).items;
    expect(meetings.map((m) => m.protocolStatus)).toEqual(['attested', null, null, null]);
    expect(meetings.every((m) => m.agendaItemCount >= 9)).toBe(true);
  });
});
