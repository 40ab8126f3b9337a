import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type Method } from '../../../shared/contract';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { verifyChain } from './chain';

/**
 * Walks every participants method that changes data and checks that each leaves an audit
 * event naming the actor, the record, and its state before and/or after. A new mutating
 * method without an entry below fails the first test, so nothing slips past the log.
 */

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const SLICE = /^(organisations|people|bodies)\./;
const READ_ONLY = /\.(list|get|members|mandates|findByName)$/;

interface Ids {
  org: number;
  person: number;
  person2: number;
  body: number;
  member: number;
}

interface Expectation {
  /** a fresh record to act on, made before the call (its own events are not counted) */
  input(ids: Ids): unknown;
  /** audit events the call must produce: entity, action, and whether before/after are kept */
  events: Array<{
    entity: string;
    action: string;
    before: boolean;
    after: boolean;
    id: (ids: Ids, value: { id: number }) => number;
  }>;
}

const own = (_: Ids, value: { id: number }) => value.id;

const MUTATIONS: Record<string, Expectation> = {
  'organisations.create': {
    input: () => ({ name: 'Nykvarns kommun', kind: 'kommun' }),
    events: [{ entity: 'organisation', action: 'create', before: false, after: true, id: own }],
  },
  'organisations.update': {
    input: (i) => ({ id: i.org, fields: { name: 'Södertälje kommun', kind: 'kommun', shortName: 'SK' } }),
    events: [{ entity: 'organisation', action: 'update', before: true, after: true, id: own }],
  },
  'organisations.archive': {
    input: (i) => ({ id: i.org, archived: true }),
    events: [{ entity: 'organisation', action: 'archive', before: true, after: true, id: own }],
  },
  'people.create': {
    input: (i) => ({ name: 'Åsa Öberg', organisationId: i.org }),
    events: [{ entity: 'person', action: 'create', before: false, after: true, id: own }],
  },
  'people.update': {
    input: (i) => ({ id: i.person, fields: { name: 'Camilla Broo', phone: '08-523 069 63' } }),
    events: [{ entity: 'person', action: 'update', before: true, after: true, id: own }],
  },
  'bodies.create': {
    input: () => ({ name: 'Arbetsgrupp bostadsinbrott', kind: 'arbetsgrupp' }),
    events: [{ entity: 'body', action: 'create', before: false, after: true, id: own }],
  },
  'bodies.update': {
    input: (i) => ({
      id: i.body,
      fields: { name: 'Chefssamrådet', kind: 'chefssamrad', description: 'Högst beslutande' },
    }),
    events: [{ entity: 'body', action: 'update', before: true, after: true, id: own }],
  },
  'bodies.archive': {
    input: (i) => ({ id: i.body, archived: true }),
    events: [{ entity: 'body', action: 'archive', before: true, after: true, id: own }],
  },
  'bodies.addMember': {
    input: (i) => ({ bodyId: i.body, personId: i.person2, role: 'ledamot', from: '2017-01-01' }),
    events: [
      { entity: 'body_member', action: 'create', before: false, after: true, id: own },
      { entity: 'body', action: 'add_member', before: false, after: true, id: (i) => i.body },
    ],
  },
  'bodies.updateMember': {
    input: (i) => ({
      id: i.member,
      fields: { bodyId: i.body, personId: i.person, role: 'ordforande', from: '2017-01-01', to: '2018-12-31' },
    }),
    events: [{ entity: 'body_member', action: 'update', before: true, after: true, id: own }],
  },
  'bodies.extendMandates': {
    input: (i) => {
      // the seed's membership ends with the period, as the example's do (a direct write: no event of its own)
      b.ctx.db.prepare("UPDATE body_member SET valid_to = '2018-12-31' WHERE id = ?").run(i.member);
      return { bodyId: i.body, endedOn: '2018-12-31', validFrom: '2019-01-01', validTo: '2020-12-31' };
    },
    events: [
      { entity: 'body_member', action: 'create', before: false, after: true, id: (i) => i.member + 1 },
      { entity: 'body', action: 'extend_mandates', before: false, after: true, id: (i) => i.body },
    ],
  },
  'bodies.removeMember': {
    input: (i) => ({ id: i.member }),
    events: [
      { entity: 'body_member', action: 'delete', before: true, after: false, id: own },
      { entity: 'body', action: 'remove_member', before: true, after: false, id: (i) => i.body },
    ],
  },
};

async function seed(): Promise<Ids> {
  const org = (await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' })).id;
  const person = (await b.call('people.create', { name: 'Camilla Broo', organisationId: org })).id;
  const person2 = (await b.call('people.create', { name: 'Peter Nylind' })).id;
  const body = (await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' })).id;
  const member = (
    await b.call('bodies.addMember', { bodyId: body, personId: person, role: 'ledamot', from: '2017-01-01' })
  ).id;
  return { org, person, person2, body, member };
}

const sliceMethods = (Object.keys(contract) as Method[]).filter((m) => SLICE.test(m));

describe('audit coverage of the participants slice', () => {
  it('knows every participants method that changes data', () => {
    const mutating = sliceMethods.filter((m) => !READ_ONLY.test(m)).sort();
    expect(mutating).toEqual(Object.keys(MUTATIONS).sort());
  });

  for (const method of Object.keys(MUTATIONS)) {
    it(`${method} leaves an audit event with actor, record and before/after`, async () => {
      const ids = await seed();
      await b.call('session.setActor', { name: 'Camilla Broo', personId: ids.person });
      const lastBefore = b.ctx.db.prepare('SELECT coalesce(max(id), 0) FROM audit_event').pluck().get() as number;
      const expectation = MUTATIONS[method];
      const value = (await b.call(method as Method, expectation.input(ids) as never)) as { id: number };
      const produced = await b.call('history.recent', { limit: 50 });
      const fresh = produced.filter((e) => e.id > lastBefore).reverse();
      expect(fresh.map((e) => `${e.entity}:${e.action}`)).toEqual(
        expectation.events.map((e) => `${e.entity}:${e.action}`),
      );
      expectation.events.forEach((want, i) => {
        const event = fresh[i];
        expect(event.actor).toBe('Camilla Broo');
        expect(event.at).toBe('2017-02-01T09:00:00.000Z');
        expect(event.entityId).toBe(String(want.id(ids, value)));
        expect(event.before !== null, `${method}: before kept`).toBe(want.before);
        expect(event.after !== null, `${method}: after kept`).toBe(want.after);
      });
      const primary = fresh[0];
      const primaryId = Number(expectation.events[0].id(ids, value));
      if (primary.after !== null) expect(primary.after).toMatchObject({ id: primaryId });
      if (primary.before !== null) expect(primary.before).toMatchObject({ id: primaryId });
      if (primary.before !== null && primary.after !== null) expect(primary.before).not.toEqual(primary.after);
      const history = (await b.call('history.forRecord', { entity: primary.entity, entityId: primary.entityId })).items;
      expect(history[0].id).toBe(primary.id);
      expect(verifyChain(b.ctx.db).ok).toBe(true);
    });
  }

  it('read-only methods leave no event', async () => {
    const ids = await seed();
    const before = b.ctx.db.prepare('SELECT count(*) FROM audit_event').pluck().get();
    const inputs: Record<string, unknown> = {
      'organisations.get': { id: ids.org },
      'people.get': { id: ids.person },
      'bodies.get': { id: ids.body },
      'bodies.members': { bodyId: ids.body },
      'bodies.findByName': { name: 'Chefssamrådet' },
      'bodies.mandates': { bodyId: ids.body, date: '2019-03-14' },
    };
    for (const method of sliceMethods.filter((m) => READ_ONLY.test(m)))
      await b.call(method, (inputs[method] ?? {}) as never);
    expect(b.ctx.db.prepare('SELECT count(*) FROM audit_event').pluck().get()).toBe(before);
  });
});
