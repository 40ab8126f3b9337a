import type { Ctx } from '../context';
import { invalidField } from './errors';

/**
 * Priority areas (prioriterade områden) come from the agreements (table agreement_priority);
 * agenda items, §§ and action items link to one by id.
 */
export function listPriorityOptions(
  ctx: Ctx,
  on: string | null,
): Array<{ id: number; name: string; agreementName: string | null }> {
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.title AS name, a.name || ' ' || v.valid_from || '–' || v.valid_to AS agreement_name
       FROM agreement_priority p
       JOIN agreement_version v ON v.id = p.version_id
       JOIN agreement a ON a.id = v.agreement_id
       WHERE (@on IS NULL OR (v.valid_from <= @on AND v.valid_to >= @on))
       ORDER BY v.valid_from DESC, v.id DESC, p.position`,
    )
    .all({ on }) as Array<{ id: number; name: string; agreement_name: string | null }>;
  return rows.map((r) => ({ id: r.id, name: r.name, agreementName: r.agreement_name }));
}

export function checkPriority(ctx: Ctx, priorityId: number | null, field = 'priorityId'): void {
  if (priorityId === null) return;
  if (!ctx.db.prepare('SELECT 1 FROM agreement_priority WHERE id = ?').get(priorityId)) {
    throw invalidField(field, 'unknown_priority', `Priority ${priorityId} does not exist`);
  }
}

export function checkPerson(ctx: Ctx, personId: number | null, field: string): void {
  if (personId === null) return;
  if (!ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(personId)) {
    throw invalidField(field, 'unknown_person', `Person ${personId} does not exist`);
  }
}
