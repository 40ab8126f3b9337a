import { describe, expect, it } from 'vitest';
import { applyDelta, applyTextOps, changedFields, deltaOf, textOps } from './delta';

const background =
  'Polisen redovisar lägesbilden för Ronna och Hovsjö: bostadsinbrotten har minskat under hösten, medan anlagda bränder i containrar har ökat kring skolorna.';

/** JSON equality including key order: the audit log's hashes depend on it. */
const roundTrip = (base: unknown, target: unknown) => JSON.stringify(applyDelta(base, deltaOf(base, target)));

describe('deltaOf / applyDelta', () => {
  it('gives back the target byte for byte: changed, added, removed and reordered fields', () => {
    const base = { id: 7, title: 'Lägesbild', background, finished: false, priorityId: null };
    const cases: unknown[] = [
      { ...base, title: 'Lägesbild hösten 2017' },
      { ...base, background: background.replace('minskat', 'minskat tydligt') },
      { ...base, finished: true, lapsedAttestations: 2 },
      { id: 7, title: 'Lägesbild' },
      { background, id: 7, title: 'Lägesbild', finished: false, priorityId: null },
      { ...base, recusals: [{ personId: 3, personName: 'Åsa' }] },
      base,
    ];
    for (const target of cases) expect(roundTrip(base, target)).toBe(JSON.stringify(target));
  });

  it('stores only what changed: a small edit of a long text is an edit script, not the text', () => {
    const base = { id: 7, title: 'Lägesbild', background };
    const delta = deltaOf(base, { ...base, background: background.replace('hösten', 'sommaren och hösten') });
    expect(Object.keys(delta)).toEqual(['t']);
    expect(JSON.stringify(delta).length).toBeLessThan(60);
    expect(JSON.stringify(delta)).not.toContain('Ronna');
    expect(JSON.stringify(deltaOf(base, base))).toBe('{}');
  });

  it('a short text or a change of type is stored whole', () => {
    expect(deltaOf({ title: 'a' }, { title: 'b' })).toEqual({ s: { title: 'b' } });
    expect(deltaOf({ title: 'a' }, [1, 2])).toEqual({ v: [1, 2] });
    expect(deltaOf(undefined, { title: 'a' })).toEqual({ v: { title: 'a' } });
    expect(applyDelta({ title: 'a' }, { v: null })).toBeNull();
  });

  it('ignores fields that are undefined, as JSON does', () => {
    const target = { id: 1, lapsedAttestations: undefined, title: 'x' };
    expect(roundTrip({ id: 1, lapsedAttestations: 2, title: 'x' }, target)).toBe(JSON.stringify(target));
  });
});

describe('text edits', () => {
  it('apply forwards to the new text and refuse a base they were not made from', () => {
    const to = background.replace('Polisen', 'Lokalpolisområdet').replace(/skolorna\.$/, 'skolorna i Geneta.');
    const ops = textOps(background, to)!;
    expect(applyTextOps(background, ops)).toBe(to);
    // what the script deletes, and the length it keeps, must be there
    expect(() => applyTextOps(background.replace('Polisen', 'Polisen i Södertälje'), ops)).toThrow(
      'does not fit its base',
    );
    expect(() => applyTextOps(`${background} Mer.`, ops)).toThrow('does not fit its base');
  });

  it('are not used when the new text is unrelated: storing it whole is smaller', () => {
    expect(textOps(background, 'Helt ny text om något annat.'.repeat(4))).toBeNull();
  });
});

describe('changedFields', () => {
  it('lists each field whose value differs, with both values', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', d: 2 })).toEqual([
      { field: 'b', before: 'x', after: 'y' },
      { field: 'd', before: null, after: 2 },
    ]);
    expect(changedFields(null, { a: 1 })).toEqual([]);
  });
});
