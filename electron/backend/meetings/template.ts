import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { TemplateItem, templateItemFields } from '../../../shared/contract/meetings';

/**
 * The standing items of a Swedish meeting, in the language the protocol is kept in.
 * A body without a template of its own uses these; its own template replaces them.
 */
export const STANDARD_TEMPLATE: TemplateItem[] = [
  { kind: 'standing', title: 'Mötets öppnande', plannedMinutes: 2, place: 'opening' },
  { kind: 'standing', title: 'Val av justerare', plannedMinutes: 2, place: 'opening' },
  { kind: 'standing', title: 'Godkännande av dagordningen', plannedMinutes: 2, place: 'opening' },
  { kind: 'standing', title: 'Föregående protokoll', plannedMinutes: 5, place: 'opening' },
  { kind: 'information', title: 'Lägesbild', plannedMinutes: 20, place: 'opening' },
  { kind: 'standing', title: 'Övriga frågor', plannedMinutes: 10, place: 'closing' },
  { kind: 'standing', title: 'Mötets avslutande', plannedMinutes: 2, place: 'closing' },
];

export function getTemplate(ctx: Ctx, bodyId: number): { bodyId: number; isDefault: boolean; items: TemplateItem[] } {
  if (!ctx.db.prepare('SELECT 1 FROM body WHERE id = ?').get(bodyId)) throw notFound('body', bodyId);
  const own = ctx.db.prepare('SELECT 1 FROM agenda_template WHERE body_id = ?').get(bodyId);
  if (!own) return { bodyId, isDefault: true, items: STANDARD_TEMPLATE };
  const items = ctx.db
    .prepare(
      'SELECT kind, title, planned_minutes AS plannedMinutes, place FROM agenda_template_item WHERE body_id = ? ORDER BY position',
    )
    .all(bodyId) as TemplateItem[];
  return { bodyId, isDefault: false, items };
}

/** Opening items first, closing items last, each group in the order given. */
export function setTemplate(ctx: Ctx, bodyId: number, items: Array<z.output<typeof templateItemFields>>) {
  return write(ctx, (record) => {
    const before = getTemplate(ctx, bodyId);
    const ordered = [...items.filter((i) => i.place === 'opening'), ...items.filter((i) => i.place === 'closing')];
    ctx.db.prepare('DELETE FROM agenda_template WHERE body_id = ?').run(bodyId);
    ctx.db
      .prepare('INSERT INTO agenda_template (body_id, updated_at) VALUES (?, ?)')
      .run(bodyId, ctx.clock.now().toISOString());
    const insert = ctx.db.prepare(
      'INSERT INTO agenda_template_item (body_id, position, kind, title, planned_minutes, place) VALUES (?, ?, ?, ?, ?, ?)',
    );
    ordered.forEach((i, index) => insert.run(bodyId, index + 1, i.kind, i.title, i.plannedMinutes, i.place));
    const after = getTemplate(ctx, bodyId);
    record({
      action: 'set_agenda_template',
      entity: 'body',
      entityId: bodyId,
      before: before.items,
      after: after.items,
    });
    return after;
  });
}

/**
 * Back to the standard items. The body's own template is deleted rather than overwritten with a
 * copy of the standard, so `isDefault` is true again and a later change to the standard reaches it.
 */
export function resetTemplate(ctx: Ctx, bodyId: number) {
  return write(ctx, (record) => {
    const before = getTemplate(ctx, bodyId);
    if (before.isDefault) return before;
    ctx.db.prepare('DELETE FROM agenda_template WHERE body_id = ?').run(bodyId);
    const after = getTemplate(ctx, bodyId);
    record({
      action: 'reset_agenda_template',
      entity: 'body',
      entityId: bodyId,
      before: before.items,
      after: after.items,
    });
    return after;
  });
}
