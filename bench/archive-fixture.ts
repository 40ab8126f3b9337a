import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, type Backend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/context';
import type { Input, Method, Output } from '../shared/contract';

/**
 * A database with `count` attested protocols of `paragraphs` §§ each, made through the
 * contract as a secretary would (each body meeting every other week from 2019), for the archive benchmark.
 */
export async function archiveFixture(
  count: number,
  paragraphs: number,
): Promise<{ backend: Backend; dir: string; cleanup(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-bench-db-'));
  const backend = await startBackend(path.join(dir, 'bench.sqlite'), {
    clock: fixedClock('2030-01-15T09:00:00Z'),
    osUserName: 'bench',
  });
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const result = await backend.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
    return result.value as Output<M>;
  };
  const org = await call('organisations.create', {
    name: 'Benchkommunen',
    kind: 'kommun',
  } as Input<'organisations.create'>);
  const person = (name: string) =>
    call('people.create', { name, title: 'chef', organisationId: org.id } as Input<'people.create'>);
  const [chair, secretary, attester] = [
    await person('Åsa Ordförande'),
    await person('Sekreterare Söder'),
    await person('Jörgen Justerare'),
  ];
  // spread over bodies and years as a real council's archive is: § numbering runs per body and year
  const bodies = [];
  for (let b = 0; b < Math.max(1, Math.ceil(count / 50)); b++) {
    const body = await call('bodies.create', {
      name: b === 0 ? 'Chefssamrådet' : `Lägesmöte ${b}`,
      kind: b === 0 ? 'chefssamrad' : 'lagesmote',
    } as Input<'bodies.create'>);
    for (const [p, role] of [
      [chair, 'ordforande'],
      [secretary, 'sekreterare'],
      [attester, 'ledamot'],
    ] as const) {
      await call('bodies.addMember', {
        bodyId: body.id,
        personId: p.id,
        role,
        from: '2019-01-01',
      } as Input<'bodies.addMember'>);
    }
    bodies.push(body);
  }
  const place = 'Stadshuset, Södertälje';
  for (let i = 0; i < count; i++) {
    const body = bodies[i % bodies.length];
    const date = new Date(Date.UTC(2019, 0, 1 + 14 * Math.floor(i / bodies.length))).toISOString().slice(0, 10);
    const meeting = await call('meetings.create', {
      bodyId: body.id,
      date,
      startTime: '09:00',
      endTime: '11:30',
      place,
      chairId: chair.id,
      secretaryId: secretary.id,
      justerareIds: [attester.id],
      applyTemplate: false,
    } as Input<'meetings.create'>);
    await call('protocol.create', { meetingId: meeting.id });
    for (let n = 1; n <= paragraphs; n++) {
      await call('protocol.addParagraph', {
        meetingId: meeting.id,
        fields: {
          title: `Lägesbild: trygghet i bostadsområden och centrum, punkt ${n}`,
          dnr: `KS ${date.slice(0, 4)}/${100 + n}`,
          background:
            'Lokalpolisområdet och kommunen redovisar läget i Hovsjö, Ronna och Geneta. Antalet anmälda bostadsinbrott har minskat; fordonsbränder förekommer fortfarande i Fornhöjden.',
          decision: 'Chefssamrådet beslutar att lägga informationen till handlingarna.',
          finished: true,
        },
      } as Input<'protocol.addParagraph'>);
    }
    await call('protocol.update', { meetingId: meeting.id, attestationPlace: place, attestationDate: date });
    await call('protocol.submit', { meetingId: meeting.id });
    for (const p of [chair, attester])
      await call('protocol.attest', { meetingId: meeting.id, personId: p.id, date, place });
  }
  return {
    backend,
    dir,
    cleanup: () => {
      backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
