import { z } from 'zod';

/**
 * Building blocks for contract schemas. Messages are keys under `validation.` in the
 * locale files, so a failed check can be shown translated at its field.
 */
export const id = z
  .number({ message: 'invalid_id' })
  .int({ message: 'invalid_id' })
  .positive({ message: 'invalid_id' });

export const requiredText = (max = 500) =>
  z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });

export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { message: 'too_long' })
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * Whether an action on a record is allowed now. The backend computes it from the same rules
 * that refuse the call; when it is not, `reason` is the message key of that refusal (with its
 * `params`), so the renderer can say why without knowing the rule.
 */
export const capability = z.object({
  allowed: z.boolean(),
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Capability = z.infer<typeof capability>;

/** The capabilities of one kind of record: one per action. */
export const capabilities = <const A extends string>(actions: readonly A[]) =>
  z.object(Object.fromEntries(actions.map((a) => [a, capability])) as Record<A, typeof capability>);

/**
 * The years a date may fall in. Wider than any agreement or meeting, narrow enough that a typo
 * (0000, 20177) is caught instead of stored, and every date sorts and formats as four digits.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** ISO calendar date, YYYY-MM-DD, that really exists, in a year from MIN_YEAR to MAX_YEAR. */
export const isoDate = z
  .string({ message: 'invalid_date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    },
    { message: 'invalid_date' },
  )
  .refine(
    (v) => {
      const year = Number(v.slice(0, 4));
      return year >= MIN_YEAR && year <= MAX_YEAR;
    },
    { message: 'date_out_of_range' },
  );

/**
 * A file or folder path the backend writes to. Must be absolute: a relative one would be
 * resolved against whatever folder the backend process happens to run in, which the user
 * neither sees nor chose. No NUL (the OS would cut the name there; Node refuses it with a raw message).
 */
export const absolutePath = (max = 4000) =>
  z
    .string({ message: 'required' })
    .trim()
    .min(1, { message: 'required' })
    .max(max, { message: 'too_long' })
    .refine((v) => !v.includes('\0'), { message: 'invalid_path' })
    // POSIX /…, Windows C:\… or C:/…, UNC \\server\share
    .refine((v) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v), { message: 'relative_path' });

export const optionalDate = z
  .union([isoDate, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

export const email = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .pipe(z.email({ message: 'invalid_email' })),
  ])
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

/**
 * One event of a record's history. The log stores only what changed, but every entry comes
 * back whole: `before` and `after` are the states as they were (objects for changes of a
 * record, else what the action logged), and `changes` lists, field by field, what differs
 * between them (empty when either side is not an object, e.g. a creation or an act).
 * Autosaves of the same fields within a minute are one entry: `at` is the first, `until` the
 * last (null for a single change).
 */
/**
 * One value inside a history sentence, for the renderer to write in the user's language:
 * plain text (a name), a message key (a field name or an enum value), a calendar date with an
 * optional time of day, a time of day, a moment (UTC), or a number.
 */
export const sentenceParam = z.union([
  z.object({ text: z.string() }),
  z.object({ key: z.string() }),
  z.object({ date: z.string(), time: z.string().nullable() }),
  z.object({ time: z.string() }),
  z.object({ dateTime: z.string() }),
  z.object({ number: z.number() }),
]);
export type SentenceParam = z.infer<typeof sentenceParam>;
/** A message key and its values: what the backend says happened, translated by the renderer. */
export const sentence = z.object({ key: z.string(), params: z.record(z.string(), sentenceParam) });
export type Sentence = z.infer<typeof sentence>;

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  until: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** the event as a sentence naming who did what to whom, and one sentence per changed field users know */
  description: z.object({ summary: sentence, lines: z.array(sentence) }),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** A file sent from the renderer; bytes cross the contract as base64. */
export const fileBase64 = z
  .string({ message: 'required' })
  .min(1, { message: 'required' })
  .max(140_000_000, { message: 'signing.validation.file_too_large' })
  .regex(/^[A-Za-z0-9+/=\s]*$/, { message: 'signing.validation.not_base64' });

/** CA certificates (PEM or DER) trusted for this one verification, besides those the database trusts. */
export const alsoTrusted = z.array(fileBase64).max(20).default([]);

/** The languages Samråd renders documents in; a record keeps the one it was sealed in. */
export const DOCUMENT_LANGUAGES = ['sv', 'en'] as const;
export const documentLanguage = z.enum(DOCUMENT_LANGUAGES).default('sv');
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** A document handed to the renderer: every export method returns this one shape. */
export const exportedFile = z.object({ fileName: z.string(), base64: z.string(), sha256: z.string() });
export type ExportedFile = z.infer<typeof exportedFile>;
