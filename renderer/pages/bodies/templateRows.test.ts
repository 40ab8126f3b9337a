import { describe, expect, it } from 'vitest';
import {
  errorsByRow,
  isItem,
  itemsOf,
  MEETING_ITEMS,
  rowsOf,
  sameItems,
  withNewItem,
  type ItemRow,
} from './templateRows';

const template = {
  bodyId: 1,
  isDefault: false,
  items: [
    { kind: 'standing', title: 'Mötets öppnande', plannedMinutes: 2, place: 'opening' },
    { kind: 'standing', title: 'Övriga frågor', plannedMinutes: 10, place: 'closing' },
    { kind: 'information', title: 'Lägesbild', plannedMinutes: 20, place: 'opening' },
  ],
} as const;

const titles = (rows: ReturnType<typeof rowsOf>) => rows.map((r) => (isItem(r) ? r.title : '|'));

describe('template rows', () => {
  it('shows opening items, the meeting’s own items, then closing items; the place follows the marker', () => {
    const rows = rowsOf({ ...template, items: [...template.items] });
    expect(titles(rows)).toEqual(['Mötets öppnande', 'Lägesbild', '|', 'Övriga frågor']);
    // Lägesbild moved below the marker closes the meeting
    const moved = [rows[0], MEETING_ITEMS, rows[1], rows[3]];
    expect(itemsOf(moved).map((i) => [i.title, i.place])).toEqual([
      ['Mötets öppnande', 'opening'],
      ['Lägesbild', 'closing'],
      ['Övriga frågor', 'closing'],
    ]);
    expect(sameItems(rows, rows.slice())).toBe(true);
    expect(sameItems(rows, moved)).toBe(false);
  });

  it('adds a new item last among the opening items; an emptied number is sent as NaN for the backend to refuse', () => {
    const rows = rowsOf({ ...template, items: [...template.items] });
    const added: ItemRow = { key: 'new-1', kind: 'standing', title: 'Rapporter', plannedMinutes: '' };
    const next = withNewItem(rows, added);
    expect(titles(next)).toEqual(['Mötets öppnande', 'Lägesbild', 'Rapporter', '|', 'Övriga frågor']);
    expect(itemsOf(next)[2].plannedMinutes).toBeNaN();
  });

  it('puts each refused field at the row that was sent, and a list error apart', () => {
    const errors = errorsByRow(
      {
        'items.1.title': 'Obligatoriskt fält',
        'items.0.plannedMinutes': 'Ogiltigt värde',
        items: 'Högst 50',
        'items.9.title': 'x',
        bodyId: 'y',
      },
      ['a', 'b'],
    );
    expect(errors).toEqual({
      list: 'Högst 50',
      rows: { a: { plannedMinutes: 'Ogiltigt värde' }, b: { title: 'Obligatoriskt fält' } },
    });
  });
});
