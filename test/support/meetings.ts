import type { TestBackend } from './backend';

/** A Chefssamråd with a chair, two members, a substitute and a secretary (test helper). */
export async function chefssamrad(b: TestBackend) {
  const kommun = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
  const person = (name: string) => b.call('people.create', { name, organisationId: kommun.id });
  const broo = await person('Camilla Broo');
  const nylind = await person('Peter Nylind');
  const uddholm = await person('Lars-Göran Uddholm');
  const wikstrom = await person('Anders Wikström');
  const secretary = await person('Åsa Öberg');
  const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
  const member = (
    personId: number,
    role: 'ordforande' | 'ledamot' | 'ersattare' | 'sekreterare',
    substituteForId: number | null = null,
  ) => b.call('bodies.addMember', { bodyId: body.id, personId, role, from: '2016-01-01', substituteForId });
  await member(broo.id, 'ordforande');
  await member(nylind.id, 'ledamot');
  await member(uddholm.id, 'ledamot');
  await member(wikstrom.id, 'ersattare', nylind.id);
  await member(secretary.id, 'sekreterare');
  const meeting = (date: string, startTime = '09:00', endTime = '11:00', justerareIds = [nylind.id]) =>
    b.call('meetings.create', { bodyId: body.id, date, startTime, endTime, place: 'Stadshuset', justerareIds });
  /** every § finished and the protocol sent for justering */
  const finishAndSubmit = async (meetingId: number) => {
    const protocol = (await b.call('protocol.get', { meetingId }))!;
    for (const p of protocol.paragraphs) {
      if (!p.locked) {
        const { kind, title, dnr, background, notes, distribution, priorityId, carryOver } = p;
        await b.call('protocol.updateParagraph', {
          id: p.id,
          fields: {
            kind,
            title,
            dnr,
            background,
            notes,
            distribution,
            priorityId,
            carryOver,
            decision: p.decision ?? 'Noteras.',
            finished: true,
          },
        });
      }
    }
    return b.call('protocol.submit', { meetingId });
  };
  /** every § finished, sent, attested by chair and justerare */
  const attestAll = async (meetingId: number, on: string) => {
    let last = await finishAndSubmit(meetingId);
    const m = await b.call('meetings.get', { id: meetingId });
    for (const who of [m.chair!, ...m.justerare])
      last = await b.call('protocol.attest', { meetingId, personId: who.id, date: on });
    return last;
  };
  return { kommun, broo, nylind, uddholm, wikstrom, secretary, body, meeting, finishAndSubmit, attestAll };
}
