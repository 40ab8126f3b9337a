import type { AgendaTemplate, TemplateItem, TemplateItemFields } from '../../../shared/contract/meetings';

/**
 * The template as the editor holds it: one list in agenda order, with a marker row where each
 * meeting's own items will go. Items above the marker open the meeting, items below close it, so
 * moving an item past the marker is how its `place` changes — the list reads like the agenda will.
 */

export interface ItemRow {
  key: string;
  kind: TemplateItem['kind'];
  title: string;
  /** as the number field holds it: '' while emptied */
  plannedMinutes: number | string;
}

export const MEETING_ITEMS = { key: 'meeting-items', marker: true } as const;
export type Row = ItemRow | typeof MEETING_ITEMS;

export const isItem = (row: Row): row is ItemRow => !('marker' in row);

export function rowsOf(template: AgendaTemplate): Row[] {
  const row = (item: TemplateItem, index: number): ItemRow => ({
    key: `stored-${index}`,
    kind: item.kind,
    title: item.title,
    plannedMinutes: item.plannedMinutes,
  });
  const rows = template.items.map(row);
  const opening = rows.filter((_, i) => template.items[i].place === 'opening');
  const closing = rows.filter((_, i) => template.items[i].place === 'closing');
  return [...opening, MEETING_ITEMS, ...closing];
}

/** What `agenda.setTemplate` takes, in the order shown; an emptied number goes as NaN so the backend refuses it at that field. */
export function itemsOf(rows: readonly Row[]): TemplateItemFields[] {
  const marker = rows.indexOf(MEETING_ITEMS);
  return rows.flatMap((row, index) =>
    isItem(row)
      ? [
          {
            kind: row.kind,
            title: row.title,
            plannedMinutes: typeof row.plannedMinutes === 'number' ? row.plannedMinutes : Number.NaN,
            place: index < marker ? 'opening' : 'closing',
          },
        ]
      : [],
  );
}

export const sameItems = (a: readonly Row[], b: readonly Row[]) =>
  JSON.stringify(itemsOf(a)) === JSON.stringify(itemsOf(b));

/** A new item goes last among the opening items: where most additions (a report, a standing review) belong. */
export function withNewItem(rows: readonly Row[], item: ItemRow): Row[] {
  const marker = rows.indexOf(MEETING_ITEMS);
  return [...rows.slice(0, marker), item, ...rows.slice(marker)];
}

export type RowErrors = Partial<Record<'title' | 'kind' | 'plannedMinutes', string>>;

/**
 * The backend names a refused field by its index in the list sent (`items.2.title`); `sentKeys`
 * turns that into the row, so the message stays at its row even if the user moves rows afterwards.
 * `list` is an error about the list as a whole (too many items).
 */
export function errorsByRow(
  fieldErrors: Record<string, string>,
  sentKeys: readonly string[],
): { list?: string; rows: Record<string, RowErrors> } {
  const out: { list?: string; rows: Record<string, RowErrors> } = { rows: {} };
  for (const [path, message] of Object.entries(fieldErrors)) {
    const match = /^items(?:\.(\d+)\.(title|kind|plannedMinutes))?$/.exec(path);
    if (!match) continue;
    if (match[1] === undefined) {
      out.list ??= message;
      continue;
    }
    const key = sentKeys[Number(match[1])];
    if (key) (out.rows[key] ??= {})[match[2] as keyof RowErrors] ??= message;
  }
  return out;
}
