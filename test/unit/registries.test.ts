import { describe, expect, it } from 'vitest';
import { areaContracts, contract } from '../../shared/contract';
import { mergeDisjoint, sharedKeys } from '../../shared/merge-disjoint';
import { areaHandlers, areaSqlErrors, handlers, sqlErrors } from '../../electron/backend/handlers';

/**
 * The contract, the handlers and the SQL error keys are each kept per area and merged once;
 * a name two areas both define would otherwise let one silently replace the other.
 */
describe('area registries', () => {
  it('the areas define disjoint contract methods, handlers and SQL error keys', () => {
    expect(sharedKeys(areaContracts)).toEqual([]);
    expect(sharedKeys(areaHandlers)).toEqual([]);
    expect(sharedKeys(areaSqlErrors)).toEqual([]);
  });

  it('the merged maps hold every area key, and every contract method has its handler', () => {
    const count = (maps: object[]) => maps.reduce((n, m) => n + Object.keys(m).length, 0);
    expect(Object.keys(contract)).toHaveLength(count(Object.values(areaContracts)));
    expect(Object.keys(handlers)).toHaveLength(count(Object.values(areaHandlers)));
    expect(Object.keys(sqlErrors)).toHaveLength(count(Object.values(areaSqlErrors)));
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('merging refuses a key defined twice, naming it', () => {
    expect(() => mergeDisjoint({ 'people.list': 1 }, { 'people.get': 2 }, { 'people.list': 3 })).toThrow(
      '"people.list" is defined by two areas',
    );
    expect(sharedKeys({ a: { x: 1, y: 2 }, b: { y: 3 } })).toEqual(['y (a and b)']);
  });

  it('every SQL error key turns into a translated error without importing any area first', () => {
    for (const [key, make] of Object.entries(sqlErrors)) {
      const error = make();
      expect(error.code, key).not.toBe('INTERNAL');
    }
  });
});
