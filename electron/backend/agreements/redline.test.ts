import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docFromParagraphs } from '../../../shared/richtext';
import { compareBlocks, wordDiff } from './redline';
import { seedAgreement, signAll } from '../../../test/support/agreements';

const rebuild = (segments: ReturnType<typeof wordDiff>, side: 'before' | 'after') =>
  segments
    .filter((s) => s.kind === 'equal' || s.kind === (side === 'before' ? 'delete' : 'insert'))
    .map((s) => s.text)
    .join('');

describe('wordDiff', () => {
  it('marks whole words inserted and deleted', () => {
    expect(
      wordDiff(
        'Ett tryggare samhälle och minskad brottslighet',
        'Ett tryggare och inkluderande samhälle med minskad brottslighet',
      ),
    ).toEqual([
      { kind: 'equal', text: 'Ett tryggare ' },
      { kind: 'insert', text: 'och inkluderande ' },
      { kind: 'equal', text: 'samhälle ' },
      { kind: 'delete', text: 'och' },
      { kind: 'insert', text: 'med' },
      { kind: 'equal', text: ' minskad brottslighet' },
    ]);
  });

  it('always gives back both texts exactly (property)', () => {
    const words = fc
      .array(fc.constantFrom('samverkan', 'polis', 'kommun', 'brand', 'år', 'ö', ' ', '\n', ',', '2017'), {
        maxLength: 25,
      })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const segments = wordDiff(before, after);
        expect(rebuild(segments, 'before')).toBe(before);
        expect(rebuild(segments, 'after')).toBe(after);
      }),
      { numRuns: 300 },
    );
  });
});

describe('compareBlocks', () => {
  const item = (key: string, position: number, heading: string, body = '') => ({ key, position, heading, body });
  it('matches by key, keeps the newer order and places a removed item after the one it followed', () => {
    const blocks = compareBlocks(
      [item('a', 1, 'Syfte'), item('b', 2, 'Bakgrund'), item('c', 3, 'Giltighet', '2017–2018')],
      [item('c', 1, 'Giltighet', '2019–2020'), item('a', 2, 'Syfte'), item('d', 3, 'Uppföljning')],
    );
    expect(blocks.map((b) => [b.key, b.change])).toEqual([
      ['c', 'changed'],
      ['a', 'unchanged'],
      ['b', 'removed'],
      ['d', 'added'],
    ]);
    expect(blocks[0].body).toEqual([
      { kind: 'delete', text: '2017' },
      { kind: 'insert', text: '2019' },
      { kind: 'equal', text: '–' },
      { kind: 'delete', text: '2018' },
      { kind: 'insert', text: '2020' },
    ]);
  });
});

describe('agreements.compare', () => {
  let b: TestBackend;
  beforeEach(async () => void (b = await testBackend('2016-12-01T09:00:00Z')));
  afterEach(() => b.cleanup());

  it('compares a renewal with its predecessor section by section, across reordering, with field changes', async () => {
    const { versionId } = await seedAgreement(b);
    // only a signed version is renewed
    await signAll(b, versionId, '2016-11-30');
    const renewal = await b.call('agreements.versions.renew', { id: versionId });
    const [syfte, former] = renewal.sections;
    await b.call('agreements.sections.update', {
      id: syfte.id,
      fields: { heading: 'Syfte', body: docFromParagraphs(['Ett tryggare samhälle och ökat lokalt engagemang.']) },
    });
    await b.call('agreements.sections.reorder', { versionId: renewal.id, ids: [former.id, syfte.id] });
    const redline = await b.call('agreements.compare', { fromId: versionId, toId: renewal.id });
    expect(redline.from.id).toBe(versionId);
    expect(redline.sections.map((s) => [s.key, s.change, s.fromPosition, s.toPosition])).toEqual([
      [former.key, 'unchanged', 2, 1],
      [syfte.key, 'changed', 1, 2],
    ]);
    const body = redline.sections[1].body;
    expect(
      body
        .filter((s) => s.kind === 'insert')
        .map((s) => s.text)
        .join('|'),
    ).toContain('ökat lokalt engagemang');
    expect(
      body
        .filter((s) => s.kind === 'delete')
        .map((s) => s.text)
        .join('|'),
    ).toContain('minskad brottslighet');
    const period = redline.fields.find((f) => f.field === 'period')!;
    expect(period.changed).toBe(true);
    expect(redline.fields.find((f) => f.field === 'parties')!.changed).toBe(false);
    expect(redline.priorities.map((p) => p.change)).toEqual(['unchanged']);
  });
});
