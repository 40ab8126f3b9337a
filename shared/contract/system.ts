import { z } from 'zod';
import { method } from './define';
import { auditEntry, id, requiredText } from './common';
import { page, pageRequest } from './paging';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const session = z.object({
  /** who is working: null until chosen at first start */
  actor: z.object({ name: z.string(), personId: z.number().nullable() }).nullable(),
  osUserName: z.string(),
  language: z.enum(LANGUAGES),
  schemaVersion: z.number(),
  databasePath: z.string(),
  /** the zone of every date rule (Europe/Stockholm unless set); the renderer's "today" uses it too */
  timeZone: z.string(),
});
export type Session = z.infer<typeof session>;

/** a record's events shown at a time when the caller does not say */
export const HISTORY_PAGE = 50;

export const exampleStatus = z.object({ loaded: z.boolean(), hasData: z.boolean() });

export const systemContract = {
  'session.get': method(z.object({}).default({}), session),
  'session.setActor': method(
    z.object({ name: requiredText(200), personId: id.nullish().transform((v) => v ?? null) }),
    session,
  ),
  'session.setLanguage': method(z.object({ language: z.enum(LANGUAGES) }), session),
  'session.setTimeZone': method(
    z.object({
      timeZone: z
        .string({ message: 'unknown_time_zone' })
        .min(1, { message: 'unknown_time_zone' })
        .max(64, { message: 'unknown_time_zone' }),
    }),
    session,
  ),
  'example.status': method(z.object({}).default({}), exampleStatus),
  /**
   * Adds the Södertälje example. When the database already holds data it refuses (CONFLICT)
   * until the user confirms; even then it only adds what is missing and never changes a record.
   */
  'example.load': method(
    z.object({ confirmed: z.boolean().default(false) }).default({ confirmed: false }),
    exampleStatus,
  ),
  /** a record's events, newest first, a page at a time; `action` keeps only events of that kind (e.g. its exports) */
  'history.forRecord': method(
    z.object({
      entity: requiredText(100),
      entityId: z.union([z.string(), z.number()]).transform(String),
      action: z.string().trim().min(1).max(100).optional(),
      ...pageRequest(HISTORY_PAGE, 500),
    }),
    page(auditEntry),
  ),
  'history.recent': method(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }),
    z.array(auditEntry),
  ),
};
