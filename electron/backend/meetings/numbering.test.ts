import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
beforeEach(async () => {
  b = await testBackend('2018-02-01T09:00:00Z');
  f = await chefssamrad(b);
});
afterEach(() => b.cleanup());

const numbers = async (meetingId: number) =>
  (await b.call('protocol.get', { meetingId }))!.paragraphs.map((p) => p.number);
/** every § of the body and year, in number order: must be exactly 1..n */
const yearNumbers = async (year: number) =>
  (await b.call('paragraphs.list', { bodyId: f.body.id, year, limit: 1000 })).items.map((p) => p.number);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('§ numbering', () => {
  it('runs on through the year across meetings, and starts at § 1 in a new year', async () => {
    const march = await f.meeting('2017-03-14');
    const june = await f.meeting('2017-06-13');
    const december = await f.meeting('2017-12-12');
    const january = await f.meeting('2018-01-16');
    await b.call('agenda.add', { meetingId: june.id, fields: { kind: 'decision', title: 'Fordonsbränder' } });
    expect((await b.call('protocol.create', { meetingId: march.id })).paragraphRange).toEqual([1, 7]);
    expect((await b.call('protocol.create', { meetingId: june.id })).paragraphRange).toEqual([8, 15]);
    expect((await b.call('protocol.create', { meetingId: december.id })).paragraphRange).toEqual([16, 22]);
    expect((await b.call('protocol.create', { meetingId: january.id })).paragraphRange).toEqual([1, 7]);
    expect(await yearNumbers(2017)).toEqual(range(1, 22));
    expect(await yearNumbers(2018)).toEqual(range(1, 7));
  });

  it('places a later-created protocol of an earlier meeting before the later drafts', async () => {
    const march = await f.meeting('2017-03-14');
    const june = await f.meeting('2017-06-13');
    await b.call('protocol.create', { meetingId: june.id });
    expect(await numbers(june.id)).toEqual(range(1, 7));
    await b.call('protocol.create', { meetingId: march.id });
    expect(await numbers(march.id)).toEqual(range(1, 7));
    expect(await numbers(june.id)).toEqual(range(8, 14));
  });

  it('inserting, removing or reordering a § writes only the §§ whose number changes', async () => {
    const [march, june, september] = [
      await f.meeting('2017-03-14'),
      await f.meeting('2017-06-13'),
      await f.meeting('2017-09-12'),
    ];
    for (const m of [march, june, september]) await b.call('protocol.create', { meetingId: m.id });
    const db = b.ctx.db;
    db.exec(`CREATE TEMP TABLE renumbered (id INTEGER);
      CREATE TEMP TRIGGER count_renumbered AFTER UPDATE OF number ON main.paragraph
      BEGIN INSERT INTO renumbered VALUES (NEW.id); END;`);
    const numberOf = () =>
      new Map(
        (db.prepare('SELECT id, number FROM paragraph').all() as Array<{ id: number; number: number }>).map((r) => [
          r.id,
          r.number,
        ]),
      );
    /** the ids written by `work`, and the ids whose number differs afterwards */
    const touched = async (work: () => Promise<unknown>) => {
      const before = numberOf();
      db.exec('DELETE FROM renumbered');
      await work();
      const after = numberOf();
      const written = new Set(db.prepare('SELECT id FROM renumbered').pluck().all() as number[]);
      const changed = new Set([...after].filter(([id, n]) => before.has(id) && before.get(id) !== n).map(([id]) => id));
      return { written, changed };
    };
    const junes = () => b.call('protocol.get', { meetingId: june.id }).then((p) => p!.paragraphs);

    // a § in the middle of June: June's later §§ and all of September move on by one
    const inserted = await touched(() =>
      b.call('protocol.addParagraph', { meetingId: june.id, fields: { title: 'Extra ärende' }, position: 3 }),
    );
    expect(inserted.changed.size).toBe(5 + 7);
    expect(inserted.written).toEqual(inserted.changed);
    expect(await numbers(june.id)).toEqual(range(8, 15));

    // a § at the end of September: nothing else changes
    const appended = await touched(() =>
      b.call('protocol.addParagraph', { meetingId: september.id, fields: { title: 'Sist' } }),
    );
    expect(appended.written.size).toBe(0);

    const removed = await touched(async () => b.call('protocol.removeParagraph', { id: (await junes())[1].id }));
    expect(removed.changed.size).toBe(6 + 8);
    expect(removed.written).toEqual(removed.changed);

    // swapping June's two last §§ renumbers those two only
    const order = (await junes()).map((p) => p.id);
    order.push(...order.splice(-2).reverse());
    const swapped = await touched(() =>
      b.call('protocol.reorderParagraphs', { meetingId: june.id, paragraphIds: order }),
    );
    expect(swapped.changed.size).toBe(2);
    expect(swapped.written).toEqual(swapped.changed);
    expect(await yearNumbers(2017)).toEqual(range(1, 22));
  });

  it('stays gapless when a draft § is removed, and follows a reorder', async () => {
    const march = await f.meeting('2017-03-14');
    const june = await f.meeting('2017-06-13');
    await b.call('protocol.create', { meetingId: march.id });
    await b.call('protocol.create', { meetingId: june.id });
    const marchParagraphs = (await b.call('protocol.get', { meetingId: march.id }))!.paragraphs;
    await b.call('protocol.removeParagraph', { id: marchParagraphs[2].id });
    expect(await numbers(march.id)).toEqual(range(1, 6));
    expect(await numbers(june.id)).toEqual(range(7, 13));
    const remaining = (await b.call('protocol.get', { meetingId: march.id }))!.paragraphs;
    const reversed = [...remaining].reverse().map((p) => p.id);
    const after = await b.call('protocol.reorderParagraphs', { meetingId: march.id, paragraphIds: reversed });
    expect(after.paragraphs.map((p) => p.id)).toEqual(reversed);
    expect(after.paragraphs.map((p) => p.number)).toEqual(range(1, 6));
    expect(after.paragraphs.map((p) => p.title)).toEqual(remaining.map((p) => p.title).reverse());
    await b.call('protocol.addParagraph', { meetingId: march.id, fields: { title: 'Extra ärende' }, position: 2 });
    expect((await b.call('protocol.get', { meetingId: march.id }))!.paragraphs[1]).toMatchObject({
      title: 'Extra ärende',
      number: 2,
    });
    expect(await yearNumbers(2017)).toEqual(range(1, 14));
  });

  it('an immediately attested § keeps its number: changes that would move it are refused', async () => {
    const march = await f.meeting('2017-03-14');
    const june = await f.meeting('2017-06-13');
    await b.call('protocol.create', { meetingId: march.id });
    const juneProtocol = await b.call('protocol.create', { meetingId: june.id });
    const urgent = juneProtocol.paragraphs[4];
    await b.call('protocol.updateParagraph', {
      id: urgent.id,
      fields: { title: urgent.title, decision: 'Beslutet gäller omedelbart.', finished: true },
    });
    await b.call('protocol.attestParagraph', { paragraphId: urgent.id, personId: f.broo.id, date: '2017-06-13' });
    const done = await b.call('protocol.attestParagraph', {
      paragraphId: urgent.id,
      personId: f.nylind.id,
      date: '2017-06-13',
    });
    const locked = done.paragraphs.find((p) => p.id === urgent.id)!;
    expect(locked).toMatchObject({ immediatelyAttested: true, locked: true, number: 12 });
    expect(done.status).toBe('draft');

    const first = (await b.call('protocol.get', { meetingId: march.id }))!.paragraphs[0];
    const error = await b.fail('protocol.removeParagraph', { id: first.id });
    expect(error).toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'meetings.reasons.numbering_locked', number: 12, year: 2017 },
    });
    expect(await yearNumbers(2017)).toEqual(range(1, 14));
    expect((await b.fail('protocol.updateParagraph', { id: urgent.id, fields: { title: 'Ändrad' } })).code).toBe(
      'LOCKED',
    );
    expect((await b.fail('protocol.removeParagraph', { id: urgent.id })).code).toBe('LOCKED');
    // §§ after it in the same meeting can still be removed: nothing before it moves
    const later = juneProtocol.paragraphs[6];
    await b.call('protocol.removeParagraph', { id: later.id });
    expect(await yearNumbers(2017)).toEqual(range(1, 13));
  });

  it('refuses a colliding § number written straight into the database', async () => {
    const march = await f.meeting('2017-03-14');
    await b.call('protocol.create', { meetingId: march.id });
    const insert = () =>
      b.ctx.db
        .prepare(
          `INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, created_at, updated_at) VALUES (?, ?, 2017, 3, 99, 'decision', 'Dubblett', 'x', 'x')`,
        )
        .run(march.id, f.body.id);
    expect(insert).toThrow(/UNIQUE constraint failed: paragraph.body_id, paragraph.year, paragraph.number/);
  });

  it('keeps 1..n for any sequence of creating, removing and reordering draft §§ (property)', async () => {
    const dates = ['2017-02-07', '2017-04-11', '2017-06-13', '2017-09-12', '2017-11-14'];
    const meetings = [] as number[];
    for (const date of dates) meetings.push((await f.meeting(date)).id);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), meeting: fc.nat(dates.length - 1) }),
      fc.record({ kind: fc.constant('remove' as const), meeting: fc.nat(dates.length - 1), index: fc.nat(10) }),
      fc.record({ kind: fc.constant('add' as const), meeting: fc.nat(dates.length - 1), index: fc.nat(10) }),
      fc.record({ kind: fc.constant('reorder' as const), meeting: fc.nat(dates.length - 1), seed: fc.nat() }),
      fc.record({ kind: fc.constant('discard' as const), meeting: fc.nat(dates.length - 1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const id of meetings)
          if (await b.call('protocol.get', { meetingId: id })) await b.call('protocol.discard', { meetingId: id });
        for (const o of ops) {
          const meetingId = meetings[o.meeting];
          const protocol = await b.call('protocol.get', { meetingId });
          if (o.kind === 'create' && !protocol) await b.call('protocol.create', { meetingId });
          if (!protocol) continue;
          if (o.kind === 'discard') await b.call('protocol.discard', { meetingId });
          if (o.kind === 'add')
            await b.call('protocol.addParagraph', {
              meetingId,
              fields: { title: `Ärende ${o.index}` },
              position: o.index + 1,
            });
          if (o.kind === 'remove' && protocol.paragraphs.length)
            await b.call('protocol.removeParagraph', {
              id: protocol.paragraphs[o.index % protocol.paragraphs.length].id,
            });
          if (o.kind === 'reorder') {
            const ids = protocol.paragraphs.map((p) => p.id);
            const shuffled = ids
              .map((id, i) => ({ id, key: (i * 7919 + o.seed) % 104729 }))
              .sort((x, y) => x.key - y.key)
              .map((x) => x.id);
            await b.call('protocol.reorderParagraphs', { meetingId, paragraphIds: shuffled });
          }
        }
        const all = (await b.call('paragraphs.list', { bodyId: f.body.id, year: 2017, limit: 1000 })).items;
        expect(all.map((p) => p.number)).toEqual(range(1, all.length));
        // numbers follow meeting order, then protocol order
        const expected = [];
        for (const id of meetings)
          expected.push(...((await b.call('protocol.get', { meetingId: id }))?.paragraphs.map((p) => p.id) ?? []));
        expect(all.map((p) => p.id)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});

describe('§ numbering under concurrent writers', () => {
  it('two processes creating protocols on the same file hand out every number once, gapless', async () => {
    const ids: number[] = [];
    for (let month = 1; month <= 8; month++)
      ids.push((await f.meeting(`2017-${String(month).padStart(2, '0')}-10`)).id);
    const file = b.ctx.dbPath;
    const run = promisify(execFile);
    const worker = path.join(__dirname, 'numbering-worker.cjs');
    const [a, c] = await Promise.all([
      run(process.execPath, [worker, file, ...ids.filter((_, i) => i % 2 === 0).map(String)], { cwd: process.cwd() }),
      run(process.execPath, [worker, file, ...ids.filter((_, i) => i % 2 === 1).map(String)], { cwd: process.cwd() }),
    ]);
    const results = [...JSON.parse(a.stdout), ...JSON.parse(c.stdout)];
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(await yearNumbers(2017)).toEqual(range(1, 8 * 7));
    // and each meeting's §§ are a contiguous block in meeting order
    for (const [index, id] of ids.entries()) expect(await numbers(id)).toEqual(range(index * 7 + 1, index * 7 + 7));
  });
});
