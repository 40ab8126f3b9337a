import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import type { SearchHit, SearchInput } from '../../../shared/contract/search';
import { checkSearchIndex } from './maintenance';

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
let march: number;
let june: number;
const ids: Record<string, number> = {};

/** Two meetings with §§ written for the Swedish cases, through the contract like the UI. */
async function seed() {
  f = await chefssamrad(b);
  march = (await f.meeting('2017-03-14')).id;
  june = (await f.meeting('2017-06-13')).id;
  await b.call('protocol.create', { meetingId: march });
  await b.call('protocol.create', { meetingId: june });
  const add = async (
    key: string,
    meetingId: number,
    fields: { title: string; dnr?: string; background?: string; decision?: string },
  ) => {
    const p = await b.call('protocol.addParagraph', { meetingId, fields: { kind: 'decision', ...fields } });
    ids[key] = p.id;
  };
  await add('fires', march, {
    title: 'Fordonsbränder i Hovsjö',
    dnr: 'KS 2017/123',
    background: 'Antalet fordonsbränder har ökat under hösten.',
    decision: 'Chefssamrådet ger brandförsvaret i uppdrag att redovisa åtgärder.',
  });
  await add('burglary', march, {
    title: 'Inbrottsläget',
    dnr: 'KS 2017/1234',
    background: 'Bostadsinbrotten i villaområden minskar enligt lokal lägesbild.',
  });
  await add('safety', june, {
    title: 'Trygghetsvandringar våren 2017',
    background: 'Vandringar i centrum för att minska otryggheten.',
  });
  await add('english', june, {
    title: 'Rapport',
    background: 'A report for the record, in English.',
    decision: 'KS och 2017 nämns här, och 123 också. Ordningsfrågor tas upp senare.',
  });
  await add('order', june, { title: 'Ordningsfrågor', background: 'Lägesbilden är lokal och ny.' });
  const action = await b.call('actions.add', {
    paragraphId: ids.fires,
    fields: { description: 'Redovisa åtgärder mot bilbränder', ownerPersonId: f.nylind.id, dueDate: '2017-06-01' },
  });
  ids.action = action.id;
}

beforeEach(async () => {
  b = await testBackend();
  await seed();
});
afterEach(() => b.cleanup());

const search = (q: string, more: Partial<SearchInput> = {}) => b.call('search.query', { q, ...more });
const found = async (q: string, more: Partial<SearchInput> = {}) =>
  (await search(q, more)).hits.map((h) => `${h.kind}:${h.id}`);
const paragraphs = async (q: string) =>
  (await search(q, { kinds: ['paragraph'] })).hits.map((h) => h.id).sort((x, y) => x - y);

describe('search: Swedish words', () => {
  it('folds case, including Å, Ä and Ö', async () => {
    expect(await paragraphs('FORDONSBRÄNDER')).toEqual([ids.fires]);
    expect(await paragraphs('ÅTGÄRDER')).toEqual([ids.fires]);
    expect(await paragraphs('lägesbild')).toEqual(await paragraphs('LÄGESBILD'));
  });

  it('keeps å, ä and ö apart from a and o: "för" does not find "for", nor the other way round', async () => {
    expect(await paragraphs('for')).toEqual([ids.fires, ids.english]); // "Fordonsbränder", "for the record"
    const för = await paragraphs('för');
    expect(för).toEqual(expect.arrayContaining([ids.fires, ids.safety])); // "brandförsvaret", "för att"
    expect(för).not.toContain(ids.english);
    expect(await paragraphs('atgarder')).toEqual([]);
    expect(await paragraphs('ökat')).toEqual([ids.fires]);
    expect(await paragraphs('okat')).toEqual([]);
  });

  it('finds a prefix: "trygg" finds "Trygghetsvandringar"', async () => {
    expect(await paragraphs('trygg')).toEqual([ids.safety]);
    expect(await paragraphs('tryggare')).toEqual([]);
  });

  it('finds parts of compound words: "inbrott" in "Bostadsinbrotten", "bränder" in "Fordonsbränder"', async () => {
    expect(await paragraphs('inbrott')).toEqual([ids.burglary]);
    expect(await paragraphs('bränder')).toEqual([ids.fires]);
    expect(await found('bränder', { kinds: ['action'] })).toEqual([`action:${ids.action}`]); // "bilbränder"
    expect(await paragraphs('vandringar')).toEqual([ids.safety]);
  });

  it('needs every word: "fordonsbränder hovsjö" narrows, "fordonsbränder centrum" finds nothing', async () => {
    expect(await paragraphs('fordonsbränder hovsjö')).toEqual([ids.fires]);
    expect(await paragraphs('fordonsbränder centrum')).toEqual([]);
  });

  it('matches "a quoted phrase" as its words in order', async () => {
    expect(await paragraphs('"lokal lägesbild"')).toEqual([ids.burglary]);
    // both words are in "order", but not as that phrase
    expect(await paragraphs('lokal lägesbild')).toEqual([ids.burglary, ids.order]);
  });

  it('matches a dnr as a whole: "KS 2017/123" is neither "KS 2017/1234" nor a text with KS, 2017 and 123 apart', async () => {
    expect(await paragraphs('KS 2017/123')).toEqual([ids.fires]);
    expect(await paragraphs('ks 2017/1234')).toEqual([ids.burglary]);
    expect(await paragraphs('2017/123')).toEqual([ids.fires]);
  });

  it('takes FTS syntax characters as text: no query is an error', async () => {
    for (const q of [
      '"',
      '""',
      '"lokal',
      'NOT',
      'a OR b',
      'AND',
      '*',
      'bränder*',
      '^fordon',
      'title:Lägesbild',
      '(',
      ')',
      'NEAR(a b)',
      '-inbrott',
      '+',
      "'",
      ':',
      '{}',
      'ks 2017/',
      '§ 12',
      '🔥',
    ]) {
      const result = await b.dispatch('search.query', { q });
      expect(result.ok, q).toBe(true);
    }
    expect(await paragraphs('-inbrott')).toEqual([ids.burglary]); // "-" is not NOT
    expect(await paragraphs('inbrott:')).toEqual([ids.burglary]);
    expect(await paragraphs('villaområden OR hovsjö')).toEqual([]); // OR is a word here, and it is in neither
  });

  it('returns nothing, without an error, for a query with nothing to search for', async () => {
    expect(await search('')).toMatchObject({ query: '', total: 0, hits: [] });
    expect(await search('  "" ** ()  ')).toMatchObject({ query: '', total: 0, hits: [] });
  });

  it('never throws, whatever the query (property)', async () => {
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(...'"*^:()-+NOTANDORNEAR åäöÅÄÖ§/{}.,\'\\'.split('')), maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
        ),
        async (q) => {
          const result = await b.dispatch('search.query', { q });
          if (!result.ok) seen.push(`${JSON.stringify(q)}: ${result.error.message}`);
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(seen).toEqual([]);
  });
});

describe('search: ranking, snippets and where to open', () => {
  it('ranks a match in the title above one in the text only', async () => {
    const hits = (await search('ordningsfrågor', { kinds: ['paragraph'] })).hits.map((h) => h.id);
    expect(hits).toEqual([ids.order, ids.english]);
  });

  it('highlights the matches in the snippet and the title', async () => {
    const [hit] = (await search('bränder', { kinds: ['paragraph'] })).hits;
    const marked = (text: string, ranges: SearchHit['highlights']) => ranges.map(([s, e]) => text.slice(s, e));
    expect(marked(hit.title!, hit.titleHighlights)).toEqual(['bränder']);
    expect(marked(hit.snippet, hit.highlights)).toEqual(['bränder']);
    expect(hit.snippet).toBe(
      'Antalet fordonsbränder har ökat under hösten. Chefssamrådet ger brandförsvaret i uppdrag att redovisa åtgärder.',
    );
  });

  it('says where each record opens: the § on its protocol tab, an action at its §', async () => {
    const [p] = (await search('hovsjö', { kinds: ['paragraph'] })).hits;
    expect(p).toMatchObject({
      id: ids.fires,
      status: 'draft',
      dateFrom: '2017-03-14',
      context: { bodyName: 'Chefssamrådet', paragraphNumber: expect.any(Number) },
    });
    expect(p.open).toEqual({ route: `/meetings/${march}/protocol`, anchor: `paragraph-${ids.fires}-title` });
    const [a] = (await search('bilbränder')).hits;
    expect(a).toMatchObject({
      kind: 'action',
      open: { route: `/meetings/${march}/protocol`, anchor: `paragraph-${ids.fires}-title` },
    });
    const [person] = (await search('nylind')).hits;
    expect(person).toMatchObject({
      kind: 'person',
      title: 'Peter Nylind',
      context: { organisationName: 'Södertälje kommun' },
      open: { route: '/people' },
    });
  });

  it('counts matches per kind and pages through them', async () => {
    const all = await search('chefssamråd');
    expect(all.counts.meeting).toBe(2); // "Chefssamrådet 2017-03-14" and the June meeting
    expect(all.counts.paragraph).toBe(1);
    expect(all.total).toBe(Object.values(all.counts).reduce((x, y) => x + y, 0));
    const first = await search('chefssamråd', { limit: 1 });
    const second = await search('chefssamråd', { limit: 1, offset: 1 });
    expect(first.hits).toHaveLength(1);
    expect(second.hits[0]).not.toEqual(first.hits[0]);
  });
});

describe('search: filters', () => {
  it('by kind, body and period', async () => {
    expect(await found('trygghetsvandringar', { kinds: ['meeting'] })).toEqual([]);
    const other = await b.call('bodies.create', { name: 'Lägesmöte', kind: 'lagesmote' });
    expect(await paragraphs('bränder')).toEqual([ids.fires]);
    expect(await found('bränder', { kinds: ['paragraph'], bodyId: other.id })).toEqual([]);
    expect(await found('bränder', { kinds: ['paragraph'], bodyId: f.body.id })).toEqual([`paragraph:${ids.fires}`]);
    expect(await found('lokal', { kinds: ['paragraph'], from: '2017-06-01', to: '2017-06-30' })).toEqual([
      `paragraph:${ids.order}`,
    ]);
    expect(await found('lokal', { kinds: ['paragraph'], to: '2017-03-31' })).toEqual([`paragraph:${ids.burglary}`]);
    const reversed = await b.fail('search.query', { q: 'x', from: '2017-06-01', to: '2017-01-01' });
    expect(reversed).toMatchObject({ code: 'VALIDATION', fields: { to: 'search.validation.period_reversed' } });
  });

  it('by status: draft until the protocol is attested, then attested', async () => {
    expect(await found('hovsjö', { kinds: ['paragraph'], status: 'draft' })).toEqual([`paragraph:${ids.fires}`]);
    const protocol = (await b.call('protocol.get', { meetingId: march }))!;
    for (const p of protocol.paragraphs) {
      await b.call('protocol.updateParagraph', {
        id: p.id,
        fields: {
          kind: p.kind,
          title: p.title,
          dnr: p.dnr,
          background: p.background,
          decision: p.decision ?? 'Noteras.',
          finished: true,
        },
      });
    }
    await b.call('attendance.prefill', { meetingId: march });
    b.clock.set('2017-03-21T09:00:00Z');
    await f.attestAll(march, '2017-03-20');
    expect(await found('hovsjö', { kinds: ['paragraph'], status: 'draft' })).toEqual([]);
    expect(await found('hovsjö', { kinds: ['paragraph'], status: 'attested' })).toEqual([`paragraph:${ids.fires}`]);
    expect(await found('bilbränder', { status: 'attested' })).toEqual([`action:${ids.action}`]);
    expect(checkSearchIndex(b.ctx.db).ok).toBe(true);
  });
});

describe('search: in step with every write', () => {
  it('finds a change at once, and loses a removed § at once', async () => {
    const p = (await b.call('protocol.get', { meetingId: june }))!.paragraphs.find((x) => x.id === ids.safety)!;
    await b.call('protocol.updateParagraph', {
      id: p.id,
      fields: { kind: p.kind, title: 'Trygghetsvandringar i Ronna', background: p.background },
    });
    expect(await paragraphs('ronna')).toEqual([ids.safety]);
    await b.call('protocol.removeParagraph', { id: p.id });
    expect(await paragraphs('ronna')).toEqual([]);
    await b.call('people.update', {
      id: f.nylind.id,
      fields: { name: 'Peter Nylind-Ek', organisationId: f.kommun.id },
    });
    expect(await found('nylind-ek')).toEqual([`person:${f.nylind.id}`]);
    expect(checkSearchIndex(b.ctx.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('rolls the index back with a write that fails', async () => {
    const before = b.ctx.db.prepare('SELECT count(*) FROM search_doc').pluck().get();
    // § numbers are unique per body and year: the second insert fails and the transaction with it
    const attempt = b.ctx.db.transaction(() => {
      b.ctx.db.prepare("UPDATE paragraph SET title = 'Helt ny rubrik' WHERE id = ?").run(ids.order);
      b.ctx.db
        .prepare(
          'INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, created_at, updated_at) SELECT meeting_id, body_id, year, number, 99, kind, title, created_at, updated_at FROM paragraph WHERE id = ?',
        )
        .run(ids.order);
    });
    expect(() => attempt()).toThrow(/UNIQUE/);
    expect(await paragraphs('rubrik')).toEqual([]);
    expect(b.ctx.db.prepare('SELECT count(*) FROM search_doc').pluck().get()).toBe(before);
  });
});
