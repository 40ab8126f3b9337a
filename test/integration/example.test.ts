import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadExample } from '../../electron/backend/example/load';
import { loadParticipants } from '../../electron/backend/example/participants';
import { verifyChain } from '../../electron/backend/audit/chain';
import { testBackend, type TestBackend } from '../support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

/** Every row of every table: what "changes nothing" is measured against. */
function snapshot(): Record<string, unknown[]> {
  const tables = b.ctx.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, b.ctx.db.prepare(`SELECT * FROM "${t}"`).all()]));
}

describe('example.load: the Södertälje collaboration of 2016-12-20', () => {
  it('loads the three parties, the five municipal functions, the three named chiefs and the bodies', async () => {
    expect(await b.call('example.status', {})).toEqual({ loaded: false, hasData: false });
    expect(await b.call('example.load', {})).toEqual({ loaded: true, hasData: true });

    const organisations = (await b.call('organisations.list', {})).items;
    const byName = (name: string) => organisations.find((o) => o.name === name);
    expect(byName('Södertälje kommun')).toMatchObject({ kind: 'kommun', parentId: null });
    expect(byName('Södertälje lokalpolisområde')).toMatchObject({ kind: 'polis', parentId: null });
    expect(byName('Södertörns brandförsvarsförbund')).toMatchObject({ kind: 'raddningstjanst', parentId: null });
    for (const unit of [
      'Fältassistenterna',
      'Fritidsgårdarna',
      'Stödcentrum',
      'Utbildningskontoret',
      'Socialtjänsten',
    ]) {
      expect(byName(unit), unit).toMatchObject({ kind: 'kommun', parentName: 'Södertälje kommun' });
    }

    // later parts of the example (meetings) may add people of their own; these three are the seed's
    const people = (await b.call('people.list', {})).items.filter((p) =>
      ['Camilla Broo', 'Lars-Göran Uddholm', 'Peter Nylind'].includes(p.name),
    );
    expect(people.map((p) => [p.name, p.title, p.organisationName, p.phone])).toEqual([
      ['Camilla Broo', 'tf kommundirektör (tf stadsdirektör)', 'Södertälje kommun', '08-523 069 63'],
      ['Lars-Göran Uddholm', 'brandchef', 'Södertörns brandförsvarsförbund', '08-721 22 90'],
      ['Peter Nylind', 'lokalpolisområdeschef Södertälje', 'Södertälje lokalpolisområde', '070-682 80 33'],
    ]);

    const bodies = (await b.call('bodies.list', {})).items;
    const chefssamradet = bodies.find((x) => x.name === 'Chefssamrådet')!;
    expect(chefssamradet).toMatchObject({ kind: 'chefssamrad' });
    expect(chefssamradet.description).toMatch(/högst beslutande organ i samverkansfrågor/);
    const members = (await b.call('bodies.members', { bodyId: chefssamradet.id })).filter((m) =>
      people.some((p) => p.id === m.personId),
    );
    expect(members.map((m) => [m.personName, m.role, m.from, m.to])).toEqual([
      ['Camilla Broo', 'ordforande', '2017-01-01', '2018-12-31'],
      ['Lars-Göran Uddholm', 'ledamot', '2017-01-01', '2018-12-31'],
      ['Peter Nylind', 'ledamot', '2017-01-01', '2018-12-31'],
    ]);
    const situation = bodies.find((x) => x.kind === 'lagesmote')!;
    expect(situation.name).toBe('Fasta lägesmöten polis, brandförsvar och kommun');
    expect(situation.description).toMatch(
      /fältassistenterna, fritidsgårdarna, stödcentrum .* utbildningskontoret och socialtjänsten/,
    );
  });

  it('records every example record in the audit log, under the person working', async () => {
    await b.call('example.load', {});
    const history = await b.call('history.recent', { limit: 500 });
    const created = history.filter((e) => e.action === 'create');
    expect(created.filter((e) => e.entity === 'organisation')).toHaveLength(8);
    expect(created.filter((e) => e.entity === 'person').length).toBeGreaterThanOrEqual(3);
    expect(created.filter((e) => e.entity === 'body_member').length).toBeGreaterThanOrEqual(3);
    expect(new Set(history.map((e) => e.actor))).toEqual(new Set(['testare']));
    expect(verifyChain(b.ctx.db).ok).toBe(true);
  });

  it('a second load without confirmation is refused with CONFLICT and changes nothing', async () => {
    await b.call('example.load', {});
    const before = snapshot();
    const error = await b.fail('example.load', {});
    expect(error).toMatchObject({ code: 'CONFLICT', params: { reason: 'example_needs_confirmation' } });
    expect(snapshot()).toEqual(before);
  });

  it('with confirmation it never changes an existing record: an edited phone stays edited', async () => {
    await b.call('example.load', {});
    const broo = (await b.call('people.list', { search: 'Camilla Broo' })).items[0];
    await b.call('people.update', {
      id: broo.id,
      fields: { name: broo.name, title: broo.title, organisationId: broo.organisationId, phone: '08-523 000 00' },
    });
    const before = snapshot();
    await b.call('example.load', { confirmed: true });
    expect((await b.call('people.get', { id: broo.id })).phone).toBe('08-523 000 00');
    const after = snapshot();
    for (const table of ['organisation', 'person', 'body', 'body_member', 'audit_event'])
      expect(after[table], table).toEqual(before[table]);
  });

  it('with confirmation it adds only what is missing, next to the user’s own records', async () => {
    const own = await b.call('organisations.create', { name: 'SÖDERTÄLJE KOMMUN', kind: 'annan', shortName: 'Egen' });
    const ownBody = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'annat', description: 'Vårt eget' });
    expect((await b.fail('example.load', {})).code).toBe('CONFLICT');
    await b.call('example.load', { confirmed: true });

    expect(await b.call('organisations.get', { id: own.id })).toEqual(own);
    const organisations = (await b.call('organisations.list', {})).items;
    expect(organisations.filter((o) => o.name.toLocaleLowerCase('sv') === 'södertälje kommun')).toHaveLength(1);
    expect(organisations.filter((o) => o.parentId === own.id)).toHaveLength(5);
    expect((await b.call('people.list', { organisationId: own.id })).items.map((p) => p.name)).toContain(
      'Camilla Broo',
    );
    const bodies = (await b.call('bodies.list', {})).items;
    const mine = bodies.find((x) => x.name === 'Chefssamrådet')!;
    // the body itself is left as the user made it; the chiefs' missing seats are added to it
    expect(mine).toMatchObject({
      id: ownBody.id,
      kind: 'annat',
      description: 'Vårt eget',
      createdAt: ownBody.createdAt,
      updatedAt: ownBody.updatedAt,
    });
    const seats = await b.call('bodies.members', { bodyId: mine.id });
    expect(
      seats
        .filter((m) => ['Camilla Broo', 'Lars-Göran Uddholm', 'Peter Nylind'].includes(m.personName))
        .map((m) => m.role),
    ).toEqual(['ordforande', 'ledamot', 'ledamot']);
    expect(bodies.filter((x) => x.kind === 'lagesmote')).toHaveLength(1);
  });

  it('is all or nothing: a part that fails leaves no record and no log entry behind', async () => {
    const failing = () => {
      throw new Error('part failed');
    };
    expect(() => loadExample(b.ctx, false, [loadParticipants, failing])).toThrow('part failed');
    const counts = b.ctx.db
      .prepare(
        'SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM person) + (SELECT count(*) FROM body) + (SELECT count(*) FROM audit_event)',
      )
      .pluck()
      .get();
    expect(counts).toBe(0);
    expect(await b.call('example.status', {})).toEqual({ loaded: false, hasData: false });
  });
});
