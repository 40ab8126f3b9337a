import { z } from 'zod';

/**
 * Building blocks for contract schemas. Messages are keys under `validation.` in the
 * locale files, so a failed check can be shown translated at its field.
 */
export const id = z.number({ message: 'invalid_id' }).int({ message: 'invalid_id' }).positive({ message: 'invalid_id' });

export const requiredText = (max = 500) =>
  z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });

export const optionalText = (max = 2000) =>
  z.string().trim().max(max, { message: 'too_long' }).nullish().transform((v) => (v ? v : null));

/** ISO calendar date, YYYY-MM-DD, that really exists. */
export const isoDate = z
  .string({ message: 'invalid_date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, { message: 'invalid_date' });

export const optionalDate = z
  .union([isoDate, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

export const email = z
  .union([z.literal(''), z.string().trim().pipe(z.email({ message: 'invalid_email' }))])
  .nullish()
  .transform((v) => (v ? v : null));

export const phone = z
  .string()
  .trim()
  .regex(/^[+0-9 ()-]*$/, { message: 'invalid_phone' })
  .max(40, { message: 'too_long' })
  .nullish()
  .transform((v) => (v ? v : null));

/** Adds an "end before start" issue on `to` when both ends are set and out of order. */
export function periodRefinement(fromKey: string, toKey: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const from = value[fromKey];
    const to = value[toKey];
    if (typeof from === 'string' && typeof to === 'string' && from && to && to < from) {
      ctx.addIssue({ code: 'custom', path: [toKey], message: 'end_before_start' });
    }
  };
}

export const empty = z.object({}).strict().optional().default({});
export const ok = z.object({ ok: z.literal(true) });

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
