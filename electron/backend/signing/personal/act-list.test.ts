import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../../../../test/support/backend';
import { chefssamradOnRealClock, type Chefssamrad } from '../../../../test/support/real-clock-chefssamrad';
import { docFromParagraphs } from '../../../../shared/richtext';
import { zonedDate } from '../../../../shared/time/zoned-date';
import type { ActListItem } from '../../../../shared/contract/personal-signing';
import type { Page } from '../../../../shared/contract/paging';

const BIN = path.resolve(__dirname, '../../../../bin/samrad.js');
const KEYSTORE = 'nyckelring-lösen';

let b: TestBackend;
let f: Chefssamrad;
// the real clock: acts are dated by it and must not lie in the backend's future
chefssamradOnRealClock((opened) => ({ b, f } = opened));

const daysAgo = (n: number) => zonedDate(new Date(Date.now() - n * 86400e3));

/**
 * Acts of every kind, on paper and digitally: an older protocol attested on paper; a newer one
 * whose § 1 was attested at once on paper and which the chair attested with her own certificate
 * (the justerare on paper); an agreement version the chair signed with her own certificate.
 */
async function actsOfEveryKind() {
  const older = await f.meeting(daysAgo(20));
  await b.call('protocol.create', { meetingId: older.id });
  await b.call('protocol.addParagraph', {
    meetingId: older.id,
    fields: { title: 'Lägesbild', decision: 'Noteras.', finished: true },
  });
  await f.attestAll(older.id, daysAgo(19));

  const newer = await f.meeting(daysAgo(3));
  await b.call('protocol.create', { meetingId: newer.id });
  const first = await b.call('protocol.addParagraph', {
    meetingId: newer.id,
    fields: { title: 'Trygghetsvandringar i Hovsjö', decision: 'Chefssamrådet ställer sig bakom dem.', finished: true },
  });
  for (const who of [f.broo, f.nylind])
    await b.call('protocol.attestParagraph', { paragraphId: first.id, personId: who.id, date: daysAgo(3) });
  await b.call('protocol.addParagraph', {
    meetingId: newer.id,
    fields: { title: 'Övriga frågor', decision: 'Noteras.', finished: true },
  });
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
  const certificate = await b.call('personCertificates.createLocal', {
    personId: f.broo.id,
    password: 'broo-lösenord',
    passphrase: null,
  });
  await f.finishAndSubmit(newer.id);
  await b.call('protocol.signAttestation', {
    meetingId: newer.id,
    personId: f.broo.id,
    certificateId: certificate.id,
    password: 'broo-lösenord',
    place: 'Stadshuset',
  });
  await b.call('protocol.attest', { meetingId: newer.id, personId: f.nylind.id, date: daysAgo(0) });

  const agreement = await b.call('agreements.create', {
    name: 'Samverkansöverenskommelse Södertälje',
    version: {
      title: 'Samverkansöverenskommelse 2017–2018',
      dnr: null,
      validFrom: '2017-01-01',
      validTo: '2018-12-31',
    },
  });
  const versionId = agreement.versions[0].id;
  await b.call('agreements.parties.add', {
    versionId,
    fields: { organisationId: f.kommun.id, signatoryId: f.broo.id },
  });
  await b.call('agreements.sections.add', {
    versionId,
    fields: { heading: 'Syfte', body: docFromParagraphs(['Ett tryggare samhälle.']) },
  });
  const sent = await b.call('agreements.signing.send', { versionId });
  await b.call('agreements.signing.signDigitally', {
    versionId,
    partyId: sent.parties[0].id,
    certificateId: certificate.id,
    password: 'broo-lösenord',
    place: 'Södertälje',
  });
  return { older, newer, first, versionId, certificate };
}

/** Every act, followed page by page. */
async function allPages(input: { limit: number; act?: ActListItem['act']; proof?: 'digital' | 'recorded' }) {
  const items: ActListItem[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<ActListItem> = await b.call('attestations.list', { ...input, after });
    items.push(...page.items);
    if (page.next === null) return { items, total: page.total };
    after = page.next;
  }
}

describe('attestations.list', { timeout: 300_000 }, () => {
  it('lists every act (protocol, § at once, agreement) newest first, page by page, with who, when and the proof', async () => {
    const { older, newer, first, versionId, certificate } = await actsOfEveryKind();
    const { items, total } = await allPages({ limit: 2 });
    expect(total).toBe(7);
    expect(items).toHaveLength(7);
    // newest first, by the act's day; every act exactly once across pages
    const days = items.map((a) => a.date);
    expect(days).toEqual([...days].sort().reverse());
    expect(new Set(items.map((a) => `${a.act}:${a.id}`)).size).toBe(7);

    const digital = items.filter((a) => a.proof.kind === 'digital');
    expect(digital.map((a) => [a.act, a.name, a.role])).toEqual(
      expect.arrayContaining([
        ['protocol', 'Camilla Broo', 'ordforande'],
        ['agreement', 'Camilla Broo', 'signatory'],
      ]),
    );
    expect(digital).toHaveLength(2);
    for (const act of digital)
      expect(act.proof).toMatchObject({
        kind: 'digital',
        certificateId: certificate.id,
        fingerprint: certificate.fingerprint,
        certificateOrigin: 'local',
        timeSource: 'signer_clock',
        way: 'here',
      });
    expect(items.find((a) => a.act === 'agreement')).toMatchObject({
      versionId,
      agreementTitle: 'Samverkansöverenskommelse 2017–2018',
      validFrom: '2017-01-01',
      validTo: '2018-12-31',
      organisation: 'Södertälje kommun',
      personId: f.broo.id,
      place: 'Södertälje',
      meetingId: null,
    });
    const paragraphActs = items.filter((a) => a.act === 'paragraph');
    expect(paragraphActs.map((a) => [a.name, a.paragraphId, a.paragraphNumber, a.meetingId])).toEqual(
      expect.arrayContaining([
        ['Camilla Broo', first.id, first.number, newer.id],
        ['Peter Nylind', first.id, first.number, newer.id],
      ]),
    );
    const paper = items.filter((a) => a.proof.kind === 'recorded');
    expect(paper).toHaveLength(5);
    expect(paper.every((a) => a.proof.kind === 'recorded' && a.proof.operator === 'testare')).toBe(true);
    expect(
      items.filter((a) => a.meetingId === older.id).map((a) => [a.act, a.bodyName, a.meetingDate, a.date]),
    ).toEqual([
      ['protocol', 'Chefssamrådet', older.date, daysAgo(19)],
      ['protocol', 'Chefssamrådet', older.date, daysAgo(19)],
    ]);

    // filters: the same acts as the whole list says, counted the same
    const atOnce = await allPages({ limit: 1, act: 'paragraph' });
    expect([atOnce.total, atOnce.items]).toEqual([2, paragraphActs]);
    const signed = await allPages({ limit: 100, proof: 'digital' });
    expect([signed.total, signed.items]).toEqual([2, digital]);
    const recorded = await allPages({ limit: 100, proof: 'recorded', act: 'protocol' });
    expect(recorded.items).toEqual(paper.filter((a) => a.act === 'protocol'));
  });

  it('refuses a cursor that is not its own and a limit out of bounds, with translated field errors', async () => {
    expect((await b.fail('attestations.list', { after: 'not json' })).fields).toEqual({
      after: 'invalid_cursor',
    });
    expect((await b.fail('attestations.list', { after: '["2017-01-01"]' })).fields).toEqual({
      after: 'invalid_cursor',
    });
    expect((await b.fail('attestations.list', { limit: 1001 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('attestations.list', { act: 'meeting' })).code).toBe('VALIDATION');
    expect(await b.call('attestations.list', {})).toEqual({ items: [], total: 0, next: null });
  });

  it('samrad list attestations: the whole list as JSON, one page with its cursor, and a table that tells the proof', async () => {
    const { newer, first } = await actsOfEveryKind();
    const db = path.join(b.dir, 'samrad.sqlite');
    const env = { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') };
    const samrad = (...args: string[]) => {
      const run = spawnSync(process.execPath, [BIN, 'list', 'attestations', ...args, '--db', db], {
        encoding: 'utf8',
        timeout: 60_000,
        env,
      });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout;
    };
    const everything = (await allPages({ limit: 1000 })).items;
    expect(JSON.parse(samrad('--json'))).toEqual(everything);

    const firstPage = JSON.parse(samrad('--json', '--limit', '3')) as { items: ActListItem[]; next: string };
    expect(firstPage.items).toEqual(everything.slice(0, 3));
    const secondPage = JSON.parse(samrad('--json', '--limit', '3', '--after', firstPage.next)) as {
      items: ActListItem[];
    };
    expect(secondPage.items).toEqual(everything.slice(3, 6));

    const table = samrad().split('\n');
    expect(table[0]).toMatch(/^act\s+id\s+what\s+who\s+role\s+date\s+proof/);
    expect(table.filter((line) => line.includes('digitally signed, local certificate'))).toHaveLength(2);
    expect(table.filter((line) => line.includes('recorded without digital signature by testare'))).toHaveLength(5);
    const atOnce = `Chefssamrådet ${newer.date} § ${first.number}`;
    expect(table.filter((line) => /^paragraph\b/.test(line) && line.includes(atOnce))).toHaveLength(2);
    expect(table.some((line) => line.includes('Samverkansöverenskommelse 2017–2018 2017-01-01–2018-12-31 (v'))).toBe(
      true,
    );
  });
});
