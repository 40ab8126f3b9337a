import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { contentHash } from '../agreements/canonical';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend('2017-02-01T09:00:00Z')));
afterEach(() => b.cleanup());

describe('the Södertälje agreement in the example', () => {
  it('holds the 2014 predecessor and the version signed 2016-12-20 for 2017–2018 with the five priorities', async () => {
    await b.call('example.load', {});
    const [agreement] = (await b.call('agreements.list', {})).items;
    expect(agreement.name).toBe(
      'Samverkansöverenskommelse mellan Södertälje kommun, Södertälje lokalpolisområde och Södertörns brandförsvarsförbund',
    );
    const detail = await b.call('agreements.get', { id: agreement.id });
    expect(detail.versions.map((v) => [v.title, v.validFrom, v.validTo, v.status])).toEqual([
      ['Samverkansöverenskommelse 2014–2016', '2014-01-01', '2016-12-31', 'superseded'],
      ['Samverkansöverenskommelse 2017–2018', '2017-01-01', '2018-12-31', 'signed'],
    ]);
    expect(detail.inForce?.title).toBe('Samverkansöverenskommelse 2017–2018');

    const v2017 = await b.call('agreements.versions.get', { id: detail.versions[1].id });
    expect(v2017.predecessorId).toBe(detail.versions[0].id);
    expect(v2017.signedAt).toBe('2016-12-20');
    expect(v2017.contentHash).toBe(contentHash(b.ctx, v2017.id));
    expect(
      v2017.parties.map((p) => [p.organisationName, p.signatoryName, p.signing?.signedOn, p.signing?.place]),
    ).toEqual([
      ['Södertälje kommun', 'Camilla Broo', '2016-12-20', 'Södertälje'],
      ['Södertälje lokalpolisområde', 'Peter Nylind', '2016-12-20', 'Södertälje'],
      ['Södertörns brandförsvarsförbund', 'Lars-Göran Uddholm', '2016-12-20', 'Södertälje'],
    ]);
    expect(v2017.sections.map((s) => s.heading)).toEqual([
      'Syfte',
      'Samverkansformer',
      'Gemensamma prioriteringar',
      'Giltighet',
    ]);
    expect(v2017.priorities.map((p) => p.title)).toEqual([
      'Organiserad brottslighet',
      'Kriminalitet bland ungdomar',
      'Otrygghet i bostadsområden och centrumanläggningar',
      'Bostadsinbrott',
      'Fordonsbränder',
    ]);
    expect(v2017.priorities.every((p) => p.source === 'Lokal lägesbild' && p.responsible.length > 0)).toBe(true);

    // the sections carry keys shared with 2014, so the redline matches them
    const redline = await b.call('agreements.compare', { fromId: detail.versions[0].id, toId: v2017.id });
    expect(redline.sections.map((s) => [s.heading.map((x) => x.text).join(''), s.change])).toEqual([
      ['Syfte', 'changed'],
      ['Samverkansformer', 'changed'],
      ['Gemensamma prioriteringar', 'added'],
      ['Giltighet', 'changed'],
    ]);
  });

  it('is not loaded twice, and with today’s clock the 2017–2018 version has expired', async () => {
    await b.call('example.load', {});
    await b.call('example.load', { confirmed: true });
    expect((await b.call('agreements.versions.list', {})).items).toHaveLength(2);
    b.clock.set('2026-11-26T12:00:00Z');
    const [agreement] = (await b.call('agreements.list', {})).items;
    expect(agreement.inForce).toBeNull();
    expect(agreement.latest?.status).toBe('expired');
  });
});
