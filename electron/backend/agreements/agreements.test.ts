import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docFromParagraphs } from '../../../shared/richtext';
import { contentHash } from './canonical';
import { seedAgreement, signAll } from '../../../test/support/agreements';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend('2016-12-01T09:00:00Z')));
afterEach(() => b.cleanup());

describe('validation', () => {
  it('refuses an empty title and an end before start at their fields, saving nothing', async () => {
    const error = await b.fail('agreements.create', {
      name: 'Avtal',
      version: { title: '  ', validFrom: '2018-01-01', validTo: '2017-01-01' },
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({
      'version.title': 'agreements.validation.title_required',
      'version.validTo': 'agreements.validation.end_before_start',
    });
    expect(await b.call('agreements.list', {})).toEqual({ items: [], total: 0, next: null });
  });

  it('refuses a party without a signatory, and the same organisation twice', async () => {
    const { versionId, orgs, people } = await seedAgreement(b);
    const missing = await b.fail('agreements.parties.add', { versionId, fields: { organisationId: orgs.kommun.id } });
    expect(missing.fields).toEqual({ 'fields.signatoryId': 'agreements.validation.signatory_required' });
    const twice = await b.fail('agreements.parties.add', {
      versionId,
      fields: { organisationId: orgs.kommun.id, signatoryId: people.broo.id },
    });
    expect(twice.fields).toEqual({ organisationId: 'agreements.validation.duplicate_party' });
    expect((await b.call('agreements.versions.get', { id: versionId })).parties).toHaveLength(3);
  });

  it('refuses a section body that is not the structured format (no HTML)', async () => {
    const { versionId } = await seedAgreement(b);
    const error = await b.fail('agreements.sections.add', { versionId, fields: { heading: 'X', body: '<p>hej</p>' } });
    expect(error.code).toBe('VALIDATION');
  });

  it('SQL itself refuses an end before start and a raw signed insert', async () => {
    const { agreementId } = await seedAgreement(b);
    const db = b.ctx.db;
    const insert = (status: string, from: string, to: string) =>
      db
        .prepare(
          `INSERT INTO agreement_version (agreement_id, title, valid_from, valid_to, status, content_hash, signed_at, sent_for_signing_at, created_at, updated_at)
        VALUES (?, 'X', ?, ?, ?, ?, ?, ?, 'now', 'now')`,
        )
        .run(
          agreementId,
          from,
          to,
          status,
          status === 'signed' ? 'a'.repeat(64) : null,
          status === 'signed' ? '2017' : null,
          status === 'draft' ? null : 'x',
        );
    expect(() => insert('draft', '2019-01-01', '2018-01-01')).toThrow(/CHECK constraint/);
    expect(() => insert('signed', '2019-01-01', '2020-01-01')).toThrow('agreement_version_bad_transition');
  });
});

describe('status over time and overlaps', () => {
  it('moves signed → in force → superseded by a signed successor, or expired without one', async () => {
    const { versionId, agreementId } = await seedAgreement(b, { validFrom: '2014-01-01', validTo: '2016-12-31' });
    await signAll(b, versionId, '2013-12-15');
    let version = await b.call('agreements.versions.get', { id: versionId });
    expect(version.status).toBe('signed');
    expect(version.inForce).toBe(true);
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);

    let overview = await b.call('agreements.overview', {});
    expect(overview.warningDays).toBe(120);
    expect(overview.agreements.items[0].inForce?.id).toBe(versionId);
    expect(overview.agreements.items[0].daysLeft).toBe(30);
    expect(overview.agreements.items[0].endingSoon).toBe(true);

    const renewal = await b.call('agreements.versions.renew', { id: versionId });
    expect([renewal.validFrom, renewal.validTo]).toEqual(['2017-01-01', '2019-12-31']);
    overview = await b.call('agreements.overview', {});
    expect(overview.agreements.items[0].pendingRenewal?.id).toBe(renewal.id);
    await signAll(b, renewal.id, '2016-12-01');
    // the renewal is signed but has not begun: the old version is still in force
    version = await b.call('agreements.versions.get', { id: versionId });
    expect(version.status).toBe('signed');
    expect((await b.call('agreements.overview', {})).agreements.items[0].endingSoon).toBe(false);

    b.clock.set('2017-01-01T08:00:00Z');
    expect((await b.call('agreements.versions.get', { id: versionId })).status).toBe('superseded');
    const detail = await b.call('agreements.get', { id: agreementId });
    expect(detail.inForce?.id).toBe(renewal.id);
    expect(detail.versions.map((v) => [v.validFrom, v.status])).toEqual([
      ['2014-01-01', 'superseded'],
      ['2017-01-01', 'signed'],
    ]);

    b.clock.set('2020-01-01T08:00:00Z');
    expect((await b.call('agreements.versions.get', { id: renewal.id })).status).toBe('expired');
    expect((await b.call('agreements.overview', {})).agreements.items[0].inForce).toBeNull();
  });

  it('lets drafts overlap but never two signed versions (service and trigger)', async () => {
    const { versionId, agreementId } = await seedAgreement(b);
    await signAll(b, versionId, '2016-11-30');
    const other = await b.call('agreements.versions.create', {
      agreementId,
      fields: { title: 'Överlappande', validFrom: '2018-06-01', validTo: '2019-12-31' },
    });
    expect(other.status).toBe('draft');
    const partyOf = await b.call('agreements.versions.get', { id: versionId });
    for (const p of partyOf.parties)
      await b.call('agreements.parties.add', {
        versionId: other.id,
        fields: { organisationId: p.organisationId, signatoryId: p.signatoryId },
      });
    await b.call('agreements.sections.add', { versionId: other.id, fields: { heading: 'Syfte' } });
    const error = await b.fail('agreements.signing.send', { versionId: other.id });
    expect(error.fields).toEqual({ validFrom: 'agreements.validation.overlap' });
    expect(error.params?.reason).toBe('agreements.reasons.overlap');

    // even if a version got under signing before the other was signed, the trigger refuses the overlap
    const db = b.ctx.db;
    db.prepare("UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = 'x' WHERE id = ?").run(
      other.id,
    );
    const parties = db.prepare('SELECT id FROM agreement_party WHERE version_id = ?').pluck().all(other.id) as number[];
    for (const p of parties) {
      db.prepare(
        "INSERT INTO agreement_signing (version_id, party_id, name, organisation, signed_on, place, recorded_at) VALUES (?, ?, 'N', 'O', '2016-11-30', 'S', 'now')",
      ).run(other.id, p);
    }
    expect(() =>
      db
        .prepare(
          "UPDATE agreement_version SET status = 'signed', content_hash = ?, signed_at = '2016-11-30' WHERE id = ?",
        )
        .run('b'.repeat(64), other.id),
    ).toThrow('agreement_version_overlap');
    const last = await b.fail('agreements.signing.record', {
      versionId: other.id,
      partyId: parties[0],
      signedOn: '2016-11-30',
      place: 'Södertälje',
    });
    expect(last.code).toBe('VALIDATION');
    expect(last.fields).toEqual({ validFrom: 'agreements.validation.overlap' });
    expect((await b.call('agreements.versions.get', { id: other.id })).storedStatus).toBe('under_signing');
  });

  it('keeps the warning period as a setting', async () => {
    await seedAgreement(b);
    expect(await b.call('agreements.updateSettings', { warningDays: 30 })).toEqual({ warningDays: 30 });
    expect((await b.call('agreements.overview', {})).warningDays).toBe(30);
    expect((await b.fail('agreements.updateSettings', { warningDays: -1 })).fields).toEqual({
      warningDays: 'agreements.validation.warning_days_invalid',
    });
  });
});

describe('renewal', () => {
  it('copies text, parties, signatories and priorities and links the predecessor', async () => {
    const { versionId } = await seedAgreement(b);
    await b.call('agreements.versions.update', {
      id: versionId,
      fields: {
        title: 'Samverkansöverenskommelse 2017–2018',
        dnr: 'KS 2016/123',
        validFrom: '2017-01-01',
        validTo: '2018-12-31',
      },
    });
    const original = await signAll(b, versionId, '2016-11-30');
    const renewal = await b.call('agreements.versions.renew', { id: versionId });
    expect(renewal.status).toBe('draft');
    expect(renewal.predecessorId).toBe(versionId);
    expect(renewal.predecessor?.id).toBe(versionId);
    expect(renewal.title).toBe('Samverkansöverenskommelse 2019–2020');
    expect([renewal.validFrom, renewal.validTo]).toEqual(['2019-01-01', '2020-12-31']);
    expect(renewal.dnr).toBeNull();
    const strip = <T extends { id: number; versionId: number }>(rows: T[]) =>
      rows.map(({ id: _id, versionId: _v, ...rest }) => rest);
    expect(strip(renewal.sections)).toEqual(strip(original.sections));
    expect(strip(renewal.priorities)).toEqual(strip(original.priorities));
    expect(strip(renewal.parties).map((p) => ({ ...p, signing: null }))).toEqual(
      strip(original.parties).map((p) => ({ ...p, signing: null })),
    );
    expect(renewal.parties.every((p) => p.signing === null)).toBe(true);
    expect((await b.call('agreements.versions.get', { id: versionId })).successorIds).toEqual([renewal.id]);
    // a second renewal of the same version is refused rather than duplicated
    expect((await b.fail('agreements.versions.renew', { id: versionId })).params?.reason).toBe(
      'agreements.reasons.renewal_exists',
    );
  });
});

describe('renewal for a chosen period', () => {
  async function signedWithDates() {
    const seeded = await seedAgreement(b);
    const { versionId } = seeded;
    await b.call('agreements.sections.add', {
      versionId,
      fields: {
        heading: 'Giltighet',
        body: docFromParagraphs([
          'Överenskommelsen gäller från och med den 1 januari 2017 till och med den 31 december 2018.',
          'Den följs upp under 2018.',
        ]),
      },
    });
    await signAll(b, versionId, '2016-11-30');
    return { ...seeded, versionId };
  }

  it('proposes the same length right after, takes the period asked for, and its text names its own dates', async () => {
    const { versionId } = await signedWithDates();
    expect(await b.call('agreements.versions.nextPeriod', { id: versionId })).toEqual({
      validFrom: '2019-01-01',
      validTo: '2020-12-31',
      rosters: [],
    });
    const renewal = await b.call('agreements.versions.renew', {
      id: versionId,
      validFrom: '2019-01-01',
      validTo: '2021-12-31',
    });
    expect([renewal.validFrom, renewal.validTo]).toEqual(['2019-01-01', '2021-12-31']);
    expect(renewal.title).toBe('Samverkansöverenskommelse 2019–2021');
    const giltighet = renewal.sections.find((s) => s.heading === 'Giltighet')!;
    // the old period's dates became fields: the renewal's text shows 2019–2021 with no edit
    expect(giltighet.body.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Överenskommelsen gäller från och med den ' },
        { type: 'periodField', attrs: { field: 'validFrom' } },
        { type: 'text', text: ' till och med den ' },
        { type: 'periodField', attrs: { field: 'validTo' } },
        { type: 'text', text: '.' },
      ],
    });
    // what still names the old period is listed, place by place
    expect(await b.call('agreements.versions.staleDates', { id: renewal.id })).toEqual({
      predecessor: { validFrom: '2017-01-01', validTo: '2018-12-31' },
      places: [{ kind: 'section', id: giltighet.id, name: 'Giltighet', words: ['2018'] }],
    });
    // the signed original is untouched
    const original = await b.call('agreements.versions.get', { id: versionId });
    expect(JSON.stringify(original.sections)).toContain('1 januari 2017');
    expect(await b.call('agreements.versions.staleDates', { id: versionId })).toEqual({
      predecessor: null,
      places: [],
    });
  });

  it('refuses a period that overlaps the old one or a signed version, or runs backwards, and creates nothing', async () => {
    const { versionId } = await signedWithDates();
    const versionsBefore = await b.call('agreements.versions.list', {});
    const overlapping = await b.fail('agreements.versions.renew', {
      id: versionId,
      validFrom: '2018-06-01',
      validTo: '2020-05-31',
    });
    expect([overlapping.code, overlapping.fields]).toEqual([
      'VALIDATION',
      { validFrom: 'agreements.validation.renewal_overlaps_source' },
    ]);
    expect(overlapping.params).toMatchObject({
      reason: 'agreements.reasons.renewal_overlaps_source',
      date: '2018-12-31',
    });
    const backwards = await b.fail('agreements.versions.renew', {
      id: versionId,
      validFrom: '2020-12-31',
      validTo: '2019-01-01',
    });
    expect(backwards.fields).toEqual({ validTo: 'agreements.validation.end_before_start' });
    const halfOnly = await b.fail('agreements.versions.renew', { id: versionId, validFrom: '2019-01-01' });
    expect(halfOnly.fields).toEqual({ validTo: 'agreements.validation.valid_to_required' });
    expect(await b.call('agreements.versions.list', {})).toEqual(versionsBefore);
  });

  it('refuses a period overlapping another signed version of the agreement', async () => {
    const { versionId, agreementId, orgs, people } = await signedWithDates();
    const later = await b.call('agreements.versions.create', {
      agreementId,
      fields: { title: 'Senare', validFrom: '2021-01-01', validTo: '2022-12-31' },
    });
    await b.call('agreements.parties.add', {
      versionId: later.id,
      fields: { organisationId: orgs.kommun.id, signatoryId: people.broo.id },
    });
    await b.call('agreements.sections.add', {
      versionId: later.id,
      fields: { heading: 'Syfte', body: docFromParagraphs(['x']) },
    });
    await signAll(b, later.id, '2016-11-30');
    const clash = await b.fail('agreements.versions.renew', {
      id: versionId,
      validFrom: '2019-01-01',
      validTo: '2021-06-30',
    });
    expect(clash.params?.reason).toBe('agreements.reasons.overlap');
    expect((await b.call('agreements.versions.get', { id: versionId })).successorIds).toEqual([]);
  });
});

describe('signed and frozen versions cannot change', () => {
  it('refuses every contract edit of a frozen version with LOCKED, and withdraw unfreezes and clears signings', async () => {
    const { versionId } = await seedAgreement(b);
    const sent = await b.call('agreements.signing.send', { versionId });
    expect(sent.status).toBe('under_signing');
    expect(sent.editable).toBe(false);
    const edit = await b.fail('agreements.sections.update', {
      id: sent.sections[0].id,
      fields: { heading: 'Nytt', body: docFromParagraphs(['x']) },
    });
    expect(edit.code).toBe('LOCKED');
    expect(edit.params?.reason).toBe('agreements.reasons.version_frozen');
    await b.call('agreements.signing.record', {
      versionId,
      partyId: sent.parties[0].id,
      signedOn: '2016-12-01',
      place: 'Södertälje',
    });
    const withdrawn = await b.call('agreements.signing.withdraw', { versionId });
    expect(withdrawn.status).toBe('draft');
    expect(withdrawn.parties.every((p) => p.signing === null)).toBe(true);
    expect(b.ctx.db.prepare('SELECT count(*) FROM agreement_signing').pluck().get()).toBe(0);
    await b.call('agreements.sections.update', {
      id: sent.sections[0].id,
      fields: { heading: 'Syfte och mål', body: docFromParagraphs(['x']) },
    });
  });

  it('records a signing dated after the period and flags it with a translated warning by that party', async () => {
    const { versionId } = await seedAgreement(b, { validFrom: '2016-01-01', validTo: '2016-06-30' });
    const sent = await b.call('agreements.signing.send', { versionId });
    let v = await b.call('agreements.signing.record', {
      versionId,
      partyId: sent.parties[0].id,
      signedOn: '2016-06-30',
      place: 'Södertälje',
    });
    expect(v.signingWarnings).toEqual([]);
    v = await b.call('agreements.signing.record', {
      versionId,
      partyId: sent.parties[1].id,
      signedOn: '2016-07-01',
      place: 'Södertälje',
    });
    expect(v.parties[1].signing?.signedOn).toBe('2016-07-01');
    expect(v.signingWarnings).toEqual([
      {
        partyId: sent.parties[1].id,
        key: 'agreements.warnings.signed_after_period',
        signedOn: '2016-07-01',
        validTo: '2016-06-30',
      },
    ]);
    expect((await b.call('agreements.versions.get', { id: versionId })).signingWarnings).toEqual(v.signingWarnings);
  });

  it('records signings with name, title, organisation, date and place; all signed → signed with the canonical hash', async () => {
    const { versionId } = await seedAgreement(b);
    const sent = await b.call('agreements.signing.send', { versionId });
    const future = await b.fail('agreements.signing.record', {
      versionId,
      partyId: sent.parties[0].id,
      signedOn: '2017-01-01',
      place: 'Södertälje',
    });
    expect(future.fields).toEqual({ signedOn: 'agreements.validation.signed_on_future' });
    const noPlace = await b.fail('agreements.signing.record', {
      versionId,
      partyId: sent.parties[0].id,
      signedOn: '2016-12-01',
      place: ' ',
    });
    expect(noPlace.fields).toEqual({ place: 'agreements.validation.place_required' });
    let v = await b.call('agreements.signing.record', {
      versionId,
      partyId: sent.parties[0].id,
      signedOn: '2016-12-01',
      place: 'Södertälje',
      title: 'kommundirektör',
    });
    expect(v.parties[0].signing).toMatchObject({
      name: 'Camilla Broo',
      title: 'kommundirektör',
      organisation: 'Södertälje kommun',
      signedOn: '2016-12-01',
      place: 'Södertälje',
    });
    expect(v.status).toBe('under_signing');
    for (const p of sent.parties.slice(1))
      v = await b.call('agreements.signing.record', {
        versionId,
        partyId: p.id,
        signedOn: '2016-11-30',
        place: 'Södertälje',
      });
    expect(v.status).toBe('signed');
    expect(v.signedAt).toBe('2016-12-01');
    expect(v.contentHash).toBe(contentHash(b.ctx, versionId));
    const history = (await b.call('history.forRecord', { entity: 'agreement_version', entityId: versionId })).items;
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['signing.send', 'signing.record', 'signing.complete', 'section.add', 'party.add']),
    );
  });

  it('refuses edits of a signed version through the contract and through raw SQL on the version and every child table', async () => {
    const { versionId } = await seedAgreement(b);
    const signed = await signAll(b, versionId, '2016-11-30');
    const locked = await b.fail('agreements.versions.update', {
      id: versionId,
      fields: { title: 'Ändrad', validFrom: '2017-01-01', validTo: '2018-12-31' },
    });
    expect([locked.code, locked.params?.reason]).toEqual(['LOCKED', 'agreements.reasons.version_signed']);
    expect((await b.fail('agreements.priorities.remove', { id: signed.priorities[0].id })).code).toBe('LOCKED');
    expect((await b.fail('agreements.parties.remove', { id: signed.parties[0].id })).code).toBe('LOCKED');
    expect((await b.fail('agreements.signing.withdraw', { versionId })).code).toBe('LOCKED');
    expect((await b.fail('agreements.versions.delete', { id: versionId })).code).toBe('LOCKED');

    const db = b.ctx.db;
    const attempts = [
      `UPDATE agreement_version SET title = 'x' WHERE id = ${versionId}`,
      `UPDATE agreement_version SET status = 'draft', content_hash = NULL, signed_at = NULL, sent_for_signing_at = NULL WHERE id = ${versionId}`,
      `UPDATE agreement_version SET updated_at = 'x' WHERE id = ${versionId}`,
      `DELETE FROM agreement_version WHERE id = ${versionId}`,
      `UPDATE agreement_section SET heading = 'x' WHERE version_id = ${versionId}`,
      `DELETE FROM agreement_section WHERE version_id = ${versionId}`,
      `INSERT INTO agreement_section (version_id, key, position, heading, body) VALUES (${versionId}, 'k', 9, 'h', '{"type":"doc","content":[]}')`,
      `UPDATE agreement_party SET signatory_name = 'x' WHERE version_id = ${versionId}`,
      `DELETE FROM agreement_party WHERE version_id = ${versionId}`,
      `UPDATE agreement_priority SET title = 'x' WHERE version_id = ${versionId}`,
      `DELETE FROM agreement_priority WHERE version_id = ${versionId}`,
      `DELETE FROM agreement_priority_responsible WHERE priority_id IN (SELECT id FROM agreement_priority WHERE version_id = ${versionId})`,
      `UPDATE agreement_signing SET place = 'x' WHERE version_id = ${versionId}`,
      `DELETE FROM agreement_signing WHERE version_id = ${versionId}`,
    ];
    for (const sql of attempts) expect(() => db.exec(sql), sql).toThrow(/agreement_version_signed/);
    const after = await b.call('agreements.versions.get', { id: versionId });
    expect(after).toEqual(signed);
    expect(contentHash(b.ctx, versionId)).toBe(signed.contentHash);
  });

  it('freezes content under signing even through raw SQL', async () => {
    const { versionId } = await seedAgreement(b);
    await b.call('agreements.signing.send', { versionId });
    expect(() => b.ctx.db.exec(`UPDATE agreement_version SET valid_to = '2019-12-31' WHERE id = ${versionId}`)).toThrow(
      'agreement_version_frozen',
    );
    expect(() => b.ctx.db.exec(`UPDATE agreement_section SET heading = 'x' WHERE version_id = ${versionId}`)).toThrow(
      'agreement_version_frozen',
    );
    expect(() =>
      b.ctx.db.exec(
        `UPDATE agreement_version SET status = 'signed', content_hash = '${'c'.repeat(64)}', signed_at = 'x' WHERE id = ${versionId}`,
      ),
    ).toThrow('agreement_version_not_all_signed');
  });

  it('keeps the names as signed when the registers change later; a draft takes today’s names when sent', async () => {
    const { versionId, orgs, people } = await seedAgreement(b);
    await b.call('people.update', {
      id: people.broo.id,
      fields: { name: 'Camilla Broo', title: 'kommundirektör', organisationId: orgs.kommun.id },
    });
    expect((await b.call('agreements.versions.get', { id: versionId })).parties[0].signatoryTitle).toBe(
      'tf kommundirektör',
    );
    const signed = await signAll(b, versionId, '2016-11-30');
    expect(signed.parties[0].signatoryTitle).toBe('kommundirektör');
    await b.call('organisations.update', { id: orgs.kommun.id, fields: { name: 'Södertälje stad', kind: 'kommun' } });
    const after = await b.call('agreements.versions.get', { id: versionId });
    expect(after.parties[0].organisationName).toBe('Södertälje kommun');
    expect(contentHash(b.ctx, versionId)).toBe(signed.contentHash);
  });

  it('refuses to send an incomplete draft', async () => {
    const created = await b.call('agreements.create', {
      name: 'Tomt',
      version: { title: 'Tomt avtal', validFrom: '2017-01-01', validTo: '2017-12-31' },
    });
    const error = await b.fail('agreements.signing.send', { versionId: created.versions[0].id });
    expect(error.fields).toEqual({ parties: 'agreements.validation.parties_required' });
  });
});

describe('editing a draft', () => {
  it('adds after a given section, reorders, and keeps keys stable', async () => {
    const { versionId } = await seedAgreement(b);
    let v = await b.call('agreements.versions.get', { id: versionId });
    v = await b.call('agreements.sections.add', {
      versionId,
      afterId: v.sections[0].id,
      fields: { heading: 'Bakgrund' },
    });
    expect(v.sections.map((s) => s.heading)).toEqual(['Syfte', 'Bakgrund', 'Samverkansformer']);
    const keys = v.sections.map((s) => s.key);
    v = await b.call('agreements.sections.reorder', {
      versionId,
      ids: [v.sections[2].id, v.sections[0].id, v.sections[1].id],
    });
    expect(v.sections.map((s) => s.heading)).toEqual(['Samverkansformer', 'Syfte', 'Bakgrund']);
    expect(v.sections.map((s) => s.key)).toEqual([keys[2], keys[0], keys[1]]);
    expect((await b.fail('agreements.sections.reorder', { versionId, ids: [v.sections[0].id] })).fields).toEqual({
      ids: 'agreements.validation.reorder_mismatch',
    });
  });

  it('deletes a draft version but never a signed one', async () => {
    const { versionId, agreementId } = await seedAgreement(b);
    expect(await b.call('agreements.versions.delete', { id: versionId })).toEqual({ id: versionId, agreementId });
    expect((await b.fail('agreements.versions.get', { id: versionId })).code).toBe('NOT_FOUND');
  });
});
