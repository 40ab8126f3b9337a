import { describe, expect, it } from 'vitest';
import { menuLabels } from './menu-labels';

describe('menu labels', () => {
  it('has the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(menuLabels.en).sort()).toEqual(Object.keys(menuLabels.sv).sort());
    for (const labels of Object.values(menuLabels))
      for (const value of Object.values(labels)) expect(value.trim()).not.toBe('');
  });

  it('names the Swedish menus as Swedish users expect', () => {
    expect([menuLabels.sv.file, menuLabels.sv.edit, menuLabels.sv.view, menuLabels.sv.help]).toEqual([
      'Arkiv',
      'Redigera',
      'Visa',
      'Hjälp',
    ]);
  });
});
