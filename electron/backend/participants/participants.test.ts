import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

describe('organisations', () => {
  it('sorts names with Swedish collation (å, ä, ö after z)', async () => {
    for (const name of ['Östra förbundet', 'Älvsjö kommun', 'Zeta polis', 'Åby kommun', 'Alfa']) {
      await b.call('organisations.create', { name, kind: 'annan' });
    }
    const names = (await b.call('organisations.list', {})).items.map((o) => o.name);
    expect(names).toEqual(['Alfa', 'Zeta polis', 'Åby kommun', 'Älvsjö kommun', 'Östra förbundet']);
  });

  it('refuses an empty name at the field and saves nothing', async () => {
    const error = await b.fail('organisations.create', { name: '   ', kind: 'kommun' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({ name: 'required' });
    expect((await b.call('organisations.list', {})).items).toEqual([]);
  });

  it('refuses a duplicate name regardless of case', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const error = await b.fail('organisations.create', { name: 'SÖDERTÄLJE KOMMUN', kind: 'kommun' });
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ name: 'duplicate_name' });
  });

  it('archives instead of deleting, and hides archived by default', async () => {
    const org = await b.call('organisations.create', { name: 'Brandförsvaret', kind: 'raddningstjanst' });
    await b.call('organisations.archive', { id: org.id, archived: true });
    expect((await b.call('organisations.list', {})).items).toEqual([]);
    expect((await b.call('organisations.list', { includeArchived: true })).items[0].archived).toBe(true);
  });

  it('reports an unknown id as NOT_FOUND', async () => {
    expect((await b.fail('organisations.update', { id: 999, fields: { name: 'X', kind: 'annan' } })).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('people', () => {
  it('refuses an invalid e-mail and an end before start, at their fields', async () => {
    const error = await b.fail('people.create', {
      name: 'Åsa Öberg',
      email: 'inte-en-adress',
      activeFrom: '2018-01-01',
      activeTo: '2017-01-01',
    });
    expect(error.fields).toEqual({ email: 'invalid_email', activeTo: 'end_before_start' });
    expect((await b.call('people.list', {})).items).toEqual([]);
  });

  it('searches name, title and organisation, keeping å/ä/ö distinct', async () => {
    const org = await b.call('organisations.create', {
      name: 'Södertörns brandförsvarsförbund',
      kind: 'raddningstjanst',
    });
    await b.call('people.create', { name: 'Lars-Göran Uddholm', title: 'brandchef', organisationId: org.id });
    await b.call('people.create', { name: 'Goran Berg', title: 'handläggare' });
    expect((await b.call('people.list', { search: 'göran' })).items.map((p) => p.name)).toEqual(['Lars-Göran Uddholm']);
    expect((await b.call('people.list', { search: 'BRANDFÖRSVAR' })).items.map((p) => p.name)).toEqual([
      'Lars-Göran Uddholm',
    ]);
  });

  it('refuses an organisation that does not exist', async () => {
    expect((await b.fail('people.create', { name: 'A', organisationId: 42 })).fields).toEqual({
      organisationId: 'unknown_organisation',
    });
  });
});

describe('bodies and members', () => {
  it('refuses the same person in the same role over an overlapping period', async () => {
    const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    const p = await b.call('people.create', { name: 'Camilla Broo' });
    await b.call('bodies.addMember', {
      bodyId: body.id,
      personId: p.id,
      role: 'ordforande',
      from: '2017-01-01',
      to: '2018-12-31',
    });
    const error = await b.fail('bodies.addMember', {
      bodyId: body.id,
      personId: p.id,
      role: 'ordforande',
      from: '2018-06-01',
    });
    expect(error.fields).toEqual({ personId: 'duplicate_member' });
    await b.call('bodies.addMember', { bodyId: body.id, personId: p.id, role: 'ordforande', from: '2019-01-01' });
    expect(await b.call('bodies.members', { bodyId: body.id })).toHaveLength(2);
  });

  it('records whom a substitute stands in for', async () => {
    const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    const chief = await b.call('people.create', { name: 'Peter Nylind' });
    const deputy = await b.call('people.create', { name: 'Örjan Ek' });
    await b.call('bodies.addMember', { bodyId: body.id, personId: chief.id, role: 'ledamot', from: '2017-01-01' });
    const sub = await b.call('bodies.addMember', {
      bodyId: body.id,
      personId: deputy.id,
      role: 'ersattare',
      from: '2017-01-01',
      substituteForId: chief.id,
    });
    expect(sub.substituteForName).toBe('Peter Nylind');
    expect(
      (
        await b.fail('bodies.addMember', {
          bodyId: body.id,
          personId: deputy.id,
          role: 'ledamot',
          from: '2017-01-01',
          substituteForId: chief.id,
        })
      ).fields,
    ).toEqual({ substituteForId: 'substitute_needs_role' });
  });
});
