import { z } from 'zod';
import { method } from './define';

/**
 * The secretary's desk: what needs doing now, computed in the backend in one call. The
 * justering and publication deadlines are good practice, not law — the Chefssamråd is not a
 * kommunal nämnd — so they are settings, and the desk says so.
 */
const days = (key: string) =>
  z.number({ message: key }).int({ message: key }).min(0, { message: key }).max(365, { message: key });

export const deskSettings = z.object({
  /** justeras senast: this many days after the meeting */
  justeringDays: days('desk_days_invalid'),
  /** anslås senast: this many days after justering */
  publicationDays: days('desk_days_invalid'),
});
export type DeskSettings = z.infer<typeof deskSettings>;

const ref = z.object({ id: z.number(), bodyName: z.string(), date: z.string() });

/** the desk names this many protocols a list, and says how many more there are */
export const DESK_LIST = 10;
const shortList = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

export const desk = z.object({
  today: z.string(),
  settings: deskSettings,
  /** the agreement in force (or the latest, when none is) with days left and whether to renew now */
  agreement: z
    .object({
      agreementId: z.number(),
      name: z.string(),
      versionId: z.number(),
      title: z.string(),
      validTo: z.string(),
      inForce: z.boolean(),
      daysLeft: z.number().nullable(),
      endingSoon: z.boolean(),
      renewalId: z.number().nullable(),
    })
    .nullable(),
  /** the next planned meeting and what it still lacks */
  nextMeeting: ref
    .extend({
      startTime: z.string(),
      lacks: z.array(z.enum(['roster', 'agenda', 'notice'])),
    })
    .nullable(),
  /** protocols not yet attested, the oldest DESK_LIST with the day they should be by, and how many there are */
  awaitingJustering: shortList(ref.extend({ due: z.string(), overdue: z.boolean() })),
  /** attested protocols with the day they should be published by (the last 30 days), the most urgent DESK_LIST */
  publication: shortList(ref.extend({ attestedOn: z.string(), due: z.string(), overdue: z.boolean() })),
  /** overdue uppdrag per priority area (null: without one) */
  overdueActions: z.array(
    z.object({ priorityId: z.number().nullable(), priorityName: z.string().nullable(), count: z.number() }),
  ),
});
export type Desk = z.infer<typeof desk>;

export const deskContract = {
  /** everything the desk shows, counted in SQL */
  'desk.get': method(z.object({}).default({}), desk),
  'desk.settings': method(z.object({}).default({}), deskSettings),
  'desk.updateSettings': method(deskSettings, deskSettings),
};
