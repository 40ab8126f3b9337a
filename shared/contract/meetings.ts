import { z } from 'zod';
import { method } from './define';
import {
  capabilities,
  documentLanguage,
  exportedFile,
  id,
  isoDate,
  optionalDate,
  optionalText,
  requiredText,
} from './common';
import { mandateCoverage, MEMBER_ROLES } from './participants';
import { page, pageRequest } from './paging';
import { actProof } from './act-proof';

/**
 * Meetings (sammanträden), their agenda (dagordning), attendance (närvaro), the protocol with
 * its §§, justering and action items (uppdrag). Rules that must never break (§ numbering,
 * immutability once attested) are also enforced in SQL; see electron/backend/meetings.
 *
 * Messages: field keys are namespaced `meetings.validation.<key>`; `params.reason` of
 * INVALID_STATE / LOCKED / CONFLICT errors is `meetings.reasons.<key>`.
 */

/** 'HH:MM', 00:00–23:59 */
export const clockTime = z
  .string({ message: 'required' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'meetings.validation.invalid_time' });

const optionalId = id.nullish().transform((v) => v ?? null);

export const MEETING_STATUSES = ['planned', 'cancelled'] as const;
export const AGENDA_KINDS = ['standing', 'decision', 'information', 'discussion'] as const;
/** the body roles, plus `ovrig` for someone present who is not a member (övriga deltagande) */
export const ATTENDANCE_ROLES = [...MEMBER_ROLES, 'ovrig'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export const PROTOCOL_STATUSES = ['draft', 'ready_for_attestation', 'attested'] as const;
export const ATTESTER_ROLES = ['ordforande', 'justerare'] as const;
export const ACTION_STATUSES = ['open', 'done'] as const;
/** days after the meeting within which the protocol should be attested */
export const ATTESTATION_DEADLINE_DAYS = 14;

// ---------------------------------------------------------------- meetings

export const personRef = z.object({ id: z.number(), name: z.string() });
export type PersonRef = z.infer<typeof personRef>;

/** what may be done to a meeting now, and why not (see electron/backend/meetings/rules.ts) */
export const meetingCapabilities = capabilities([
  'edit',
  'editAgenda',
  'editAttendance',
  'cancel',
  'reinstate',
  'remove',
  'startProtocol',
]);

export const meeting = z.object({
  id: z.number(),
  bodyId: z.number(),
  bodyName: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string().nullable(),
  chair: personRef.nullable(),
  secretary: personRef.nullable(),
  /** one or two */
  justerare: z.array(personRef),
  /** what is stored: planned or cancelled */
  status: z.enum(MEETING_STATUSES),
  /** what a user is told: held once the date has passed (or the protocol is attested), else planned or cancelled */
  stage: z.enum(['planned', 'held', 'cancelled']),
  cancelReason: z.string().nullable(),
  notes: z.string().nullable(),
  agendaItemCount: z.number(),
  /** null while no protocol has been started */
  protocolStatus: z.enum(PROTOCOL_STATUSES).nullable(),
  /** §§ a–b of the protocol, null without §§ */
  paragraphRange: z.tuple([z.number(), z.number()]).nullable(),
  /** meeting date + 14 days */
  attestationDeadline: z.string(),
  /** days from today to the deadline (negative when passed); null once attested or cancelled */
  daysLeftToAttest: z.number().nullable(),
  can: meetingCapabilities,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof meeting>;

const meetingObject = z.object({
  bodyId: id,
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
  place: optionalText(300),
  /** defaults to the body's ordförande on the date */
  chairId: optionalId,
  /** defaults to the body's sekreterare on the date */
  secretaryId: optionalId,
  justerareIds: z.array(id).max(2, { message: 'meetings.validation.too_many_justerare' }).default([]),
  notes: optionalText(4000),
});

function meetingRules(value: { startTime?: string; endTime?: string; justerareIds?: number[] }, ctx: z.RefinementCtx) {
  if (value.startTime && value.endTime && value.endTime <= value.startTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'meetings.validation.end_before_start' });
  }
  const j = value.justerareIds ?? [];
  if (j.length === 2 && j[0] === j[1]) {
    ctx.addIssue({ code: 'custom', path: ['justerareIds'], message: 'meetings.validation.same_justerare' });
  }
}

export const meetingFields = meetingObject.superRefine(meetingRules);
export type MeetingFields = z.input<typeof meetingFields>;

export const meetingCreate = meetingObject
  .extend({ applyTemplate: z.boolean().default(true) })
  .superRefine(meetingRules);

export const seriesFields = z
  .object({
    bodyId: id,
    dates: z
      .array(isoDate)
      .min(1, { message: 'required' })
      .max(52, { message: 'too_long' })
      .refine((d) => new Set(d).size === d.length, { message: 'meetings.validation.duplicate_date' }),
    startTime: clockTime,
    endTime: clockTime,
    place: optionalText(300),
    chairId: optionalId,
    secretaryId: optionalId,
    applyTemplate: z.boolean().default(true),
  })
  .superRefine(meetingRules);

export const meetingListFilter = z
  .object({
    bodyId: id.optional(),
    year: z.number().int().min(1900).max(9999).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** only meetings before this date (the past, when it is today) */
    before: isoDate.optional(),
    includeCancelled: z.boolean().optional(),
    /** `asc`: oldest first (upcoming); `desc`: newest first (past) */
    order: z.enum(['asc', 'desc']).default('asc'),
    ...pageRequest(50, 500),
  })
  .default({ order: 'asc', limit: 50, after: null });

// ---------------------------------------------------------------- agenda

export const agendaItem = z.object({
  id: z.number(),
  meetingId: z.number(),
  position: z.number(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  presenter: z.string().nullable(),
  plannedMinutes: z.number(),
  /** running clock times from the meeting's start: 'HH:MM' */
  startsAt: z.string(),
  endsAt: z.string(),
  priorityId: z.number().nullable(),
  priorityName: z.string().nullable(),
  dnr: z.string().nullable(),
  /** set when carried over from an earlier meeting's § or action item */
  fromParagraphId: z.number().nullable(),
  fromActionId: z.number().nullable(),
});
export type AgendaItem = z.infer<typeof agendaItem>;

/** The agenda with its time plan: the items' clock times, what they add up to, and how far past the end. */
export const agendaPlan = z.object({
  items: z.array(agendaItem),
  totalMinutes: z.number(),
  /** minutes the plan runs past the meeting's end time (0 when it fits) */
  overrunMinutes: z.number(),
});
export type AgendaPlan = z.infer<typeof agendaPlan>;

export const agendaItemFields = z.object({
  kind: z.enum(AGENDA_KINDS, { message: 'required' }),
  title: requiredText(300),
  description: optionalText(8000),
  presenter: optionalText(200),
  plannedMinutes: z
    .number({ message: 'required' })
    .int({ message: 'invalid' })
    .min(0, { message: 'invalid' })
    .max(600, { message: 'invalid' })
    .default(5),
  priorityId: optionalId,
  dnr: optionalText(60),
});
export type AgendaItemFields = z.input<typeof agendaItemFields>;

export const templateItem = z.object({
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  plannedMinutes: z.number(),
  /** standing items before the meeting's own items are `opening`; after them, `closing` */
  place: z.enum(['opening', 'closing']),
});
export type TemplateItem = z.infer<typeof templateItem>;

export const templateItemFields = z.object({
  kind: z.enum(AGENDA_KINDS, { message: 'required' }),
  title: requiredText(300),
  plannedMinutes: z.number().int().min(0, { message: 'invalid' }).max(600, { message: 'invalid' }).default(5),
  place: z.enum(['opening', 'closing']).default('opening'),
});
export type TemplateItemFields = z.input<typeof templateItemFields>;

/** how many standing items a body's template may hold */
export const MAX_TEMPLATE_ITEMS = 50;

export const agendaTemplate = z.object({
  bodyId: z.number(),
  /** true while the body has no template of its own and the standard one applies */
  isDefault: z.boolean(),
  items: z.array(templateItem),
});
export type AgendaTemplate = z.infer<typeof agendaTemplate>;

// ---------------------------------------------------------------- attendance

export const attendee = z.object({
  id: z.number(),
  meetingId: z.number(),
  personId: z.number(),
  personName: z.string(),
  personTitle: z.string().nullable(),
  organisationName: z.string().nullable(),
  role: z.enum(ATTENDANCE_ROLES),
  status: z.enum(ATTENDANCE_STATUSES),
  /** "NN ersätter MM": the member this person serves for */
  substituteFor: personRef.nullable(),
  /** for övriga deltagande: which §§ they took part in, as written ("§§ 3–5") */
  participatesIn: z.string().nullable(),
  /** votes (beslutande): a present ordförande/vice/ledamot, or a present substitute serving */
  decisionMaker: z.boolean(),
});
export const prefillResult = z.object({
  attendance: z.array(attendee),
  /** people added to the list */
  added: z.number(),
  /** people already listed as "övrig" who got their member role */
  roleSet: z.number(),
  /** the body's mandates on the meeting date: membersOnDate 0 says why nothing was added */
  mandates: mandateCoverage,
});
export type PrefillResult = z.infer<typeof prefillResult>;

export type Attendee = z.infer<typeof attendee>;

export const attendeeFields = z.object({
  role: z.enum(ATTENDANCE_ROLES, { message: 'required' }),
  status: z.enum(ATTENDANCE_STATUSES, { message: 'required' }).default('present'),
  substituteForId: optionalId,
  participatesIn: optionalText(200),
});

// ---------------------------------------------------------------- protocol

export const recusal = z.object({ personId: z.number(), personName: z.string() });

export const actionItem = z.object({
  id: z.number(),
  paragraphId: z.number(),
  meetingId: z.number(),
  meetingDate: z.string(),
  bodyId: z.number(),
  bodyName: z.string(),
  paragraphNumber: z.number(),
  paragraphTitle: z.string(),
  description: z.string(),
  ownerPersonId: z.number().nullable(),
  ownerOrganisationId: z.number().nullable(),
  ownerName: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  doneOn: z.string().nullable(),
  /** open and past its due date (today from the backend's clock) */
  overdue: z.boolean(),
  priorityId: z.number().nullable(),
  priorityName: z.string().nullable(),
  /** the § is attested: only the status can still change */
  locked: z.boolean(),
});
export type ActionItem = z.infer<typeof actionItem>;

export const actionItemFields = z
  .object({
    description: requiredText(2000),
    ownerPersonId: optionalId,
    ownerOrganisationId: optionalId,
    dueDate: optionalDate,
    /** defaults to the §'s priority */
    priorityId: optionalId,
  })
  .superRefine((v, ctx) => {
    if ((v.ownerPersonId === null) === (v.ownerOrganisationId === null)) {
      ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: 'meetings.validation.owner_required' });
    }
  });
export type ActionItemFields = z.input<typeof actionItemFields>;

export const attestation = z.object({
  id: z.number(),
  /** null: the whole protocol; else the § attested at once */
  paragraphId: z.number().nullable(),
  personId: z.number(),
  name: z.string(),
  role: z.enum(ATTESTER_ROLES),
  date: z.string(),
  place: z.string().nullable(),
  proof: actProof,
});
export type Attestation = z.infer<typeof attestation>;

export const correctionNote = z.object({
  id: z.number(),
  paragraphId: z.number().nullable(),
  /** the date the correction was decided/written */
  date: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export const paragraphCapabilities = capabilities(['edit', 'remove', 'attestImmediately', 'correct', 'sign']);

export const paragraph = z.object({
  id: z.number(),
  meetingId: z.number(),
  bodyId: z.number(),
  year: z.number(),
  /** § number: runs on through the calendar year per body */
  number: z.number(),
  position: z.number(),
  agendaItemId: z.number().nullable(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  dnr: z.string().nullable(),
  background: z.string().nullable(),
  /** Beslut */
  decision: z.string().nullable(),
  /** reservations and protocol notes (reservationer, protokollsanteckningar) */
  notes: z.string().nullable(),
  /** Expedieras till */
  distribution: z.string().nullable(),
  priorityId: z.number().nullable(),
  priorityName: z.string().nullable(),
  /** the secretary has finished writing this § (all must be before attestation) */
  finished: z.boolean(),
  /** to be taken up again at the next meeting (offered there as unfinished) */
  carryOver: z.boolean(),
  /** omedelbar justering: this § attested on its own */
  immediatelyAttested: z.boolean(),
  /** attested on its own or with the whole protocol: nothing can change any more */
  locked: z.boolean(),
  /** attested at once, and the organisation's seal of its extract still waits for its trusted timestamp */
  sealAwaitsTimestamp: z.boolean(),
  recusals: z.array(recusal),
  actions: z.array(actionItem),
  attestations: z.array(attestation),
  corrections: z.array(correctionNote),
  can: paragraphCapabilities,
});
export type Paragraph = z.infer<typeof paragraph>;

export const paragraphFields = z.object({
  kind: z.enum(AGENDA_KINDS).default('decision'),
  title: requiredText(300),
  dnr: optionalText(60),
  background: optionalText(20000),
  decision: optionalText(20000),
  notes: optionalText(20000),
  distribution: optionalText(1000),
  priorityId: optionalId,
  finished: z.boolean().default(false),
  carryOver: z.boolean().default(false),
});
export type ParagraphFields = z.input<typeof paragraphFields>;

export const protocolCapabilities = capabilities([
  'edit',
  'reorder',
  'editJustering',
  'discard',
  'submit',
  'reopen',
  'attest',
  'exportForSigning',
  'correct',
  'sign',
]);

export const protocol = z.object({
  meetingId: z.number(),
  bodyId: z.number(),
  bodyName: z.string(),
  meetingDate: z.string(),
  status: z.enum(PROTOCOL_STATUSES),
  /** Justeringens plats och tid */
  attestationPlace: z.string().nullable(),
  attestationDate: z.string().nullable(),
  /** the protocol carries a tillkännagivande/anslagsbevis block to fill in when it is posted */
  announcement: z.boolean(),
  attestationDeadline: z.string(),
  daysLeftToAttest: z.number().nullable(),
  /** who still has to attest the whole protocol */
  pendingAttesters: z.array(z.object({ personId: z.number(), name: z.string(), role: z.enum(ATTESTER_ROLES) })),
  paragraphRange: z.tuple([z.number(), z.number()]).nullable(),
  paragraphs: z.array(paragraph),
  /** attestations of the whole protocol */
  attestations: z.array(attestation),
  /** corrections to the protocol as a whole (those to one § are on the §) */
  corrections: z.array(correctionNote),
  attestedAt: z.string().nullable(),
  /** sha256 of the canonical protocol content, fixed when attested */
  contentHash: z.string().nullable(),
  /** attested, and the organisation's seal of its record still waits for its trusted timestamp */
  sealAwaitsTimestamp: z.boolean(),
  can: protocolCapabilities,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Protocol = z.infer<typeof protocol>;

export const paragraphSummary = z.object({
  id: z.number(),
  meetingId: z.number(),
  meetingDate: z.string(),
  bodyId: z.number(),
  bodyName: z.string(),
  year: z.number(),
  number: z.number(),
  title: z.string(),
  dnr: z.string().nullable(),
  priorityName: z.string().nullable(),
  locked: z.boolean(),
  openActions: z.number(),
});

export const actionFilter = z
  .object({
    bodyId: id.optional(),
    priorityId: id.optional(),
    /** only actions linked to no priority */
    withoutPriority: z.boolean().optional(),
    ownerPersonId: id.optional(),
    ownerOrganisationId: id.optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    overdue: z.boolean().optional(),
    meetingId: id.optional(),
    ...pageRequest(50, 500),
  })
  .default({ limit: 50, after: null });

export const actionStats = z.array(
  z.object({
    priorityId: z.number().nullable(),
    priorityName: z.string().nullable(),
    /** open and not yet due */
    open: z.number(),
    /** open and past due */
    overdue: z.number(),
    done: z.number(),
  }),
);

export const priorityOption = z.object({ id: z.number(), name: z.string(), agreementName: z.string().nullable() });

const lang = documentLanguage;
const sign = z.boolean().default(false);
/** after the time-stamping service failed, the user chose to sign without a timestamp */
const withoutTimestamp = z.boolean().default(false);
/** the document and its handlingar as one .zip, with SHA256SUMS over every file */
const withAttachments = z.boolean().default(false);

export const meetingsContract = {
  /** in date order (`order`), within `from`–`to`; a page at a time */
  'meetings.list': method(meetingListFilter, page(meeting)),
  'meetings.get': method(z.object({ id }), meeting),
  /** creates the meeting, fills attendance from the body's members on the date, and (by default) the standing agenda items */
  'meetings.create': method(meetingCreate, meeting),
  /** plans a series (e.g. four Chefssamråd a year) in one step: all or none */
  'meetings.planSeries': method(seriesFields, z.array(meeting)),
  /** changes (or moves) a meeting; refused once its protocol is attested */
  'meetings.update': method(z.object({ id, fields: meetingFields }), meeting),
  'meetings.cancel': method(z.object({ id, cancelled: z.boolean().default(true), reason: optionalText(500) }), meeting),
  /** deletes a meeting that has no protocol */
  'meetings.remove': method(z.object({ id }), z.object({ id: z.number() })),
  /** the priority areas an agenda item, § or action can link to (from the agreements, when present) */
  'meetings.priorities': method(z.object({ on: optionalDate }).default({ on: null }), z.array(priorityOption)),

  'agenda.list': method(z.object({ meetingId: id }), z.array(agendaItem)),
  /** the agenda with its time plan, worked out here only (the renderer shows it) */
  'agenda.plan': method(z.object({ meetingId: id }), agendaPlan),
  'agenda.add': method(
    z.object({ meetingId: id, fields: agendaItemFields, position: z.number().int().min(1).optional() }),
    agendaItem,
  ),
  'agenda.update': method(z.object({ id, fields: agendaItemFields }), agendaItem),
  'agenda.remove': method(z.object({ id }), z.object({ id: z.number() })),
  /** all the meeting's item ids in their new order */
  'agenda.reorder': method(z.object({ meetingId: id, itemIds: z.array(id) }), z.array(agendaItem)),
  /** unfinished §§ (carry-over) and open action items from earlier meetings of the body, not yet on this agenda */
  'agenda.suggestions': method(
    z.object({ meetingId: id }),
    z.object({
      previousMeeting: z.object({ id: z.number(), date: z.string() }).nullable(),
      unfinished: z.array(paragraphSummary),
      /** the most relevant open actions: the previous meeting's, then by due date (at most 30) */
      openActions: z.array(actionItem),
      /** how many open actions could be offered in all */
      openActionsTotal: z.number(),
    }),
  ),
  /** adds the chosen suggestions to the agenda (before the closing standing items) */
  'agenda.carryOver': method(
    z.object({ meetingId: id, paragraphIds: z.array(id).default([]), actionIds: z.array(id).default([]) }),
    z.array(agendaItem),
  ),
  /** adds the body's standing items that the agenda lacks */
  'agenda.applyTemplate': method(z.object({ meetingId: id }), z.array(agendaItem)),
  'agenda.template': method(z.object({ bodyId: id }), agendaTemplate),
  /** replaces the body's standing items as a whole; an empty list means a body with no standing items */
  'agenda.setTemplate': method(
    z.object({
      bodyId: id,
      items: z.array(templateItemFields).max(MAX_TEMPLATE_ITEMS, { message: 'template_too_many' }),
    }),
    agendaTemplate,
  ),
  /** drops the body's own standing items: the standard template applies again */
  'agenda.resetTemplate': method(z.object({ bodyId: id }), agendaTemplate),

  'attendance.list': method(z.object({ meetingId: id }), z.array(attendee)),
  /**
   * adds the body's members on the meeting date who are not listed yet, gives anyone listed as
   * "övrig" who is a member their role, and says what it did — or, with `mandates`, why nobody
   * could be added
   */
  'attendance.prefill': method(z.object({ meetingId: id }), prefillResult),
  'attendance.add': method(z.object({ meetingId: id, personId: id, fields: attendeeFields }), attendee),
  'attendance.update': method(z.object({ id, fields: attendeeFields }), attendee),
  'attendance.remove': method(z.object({ id }), z.object({ id: z.number() })),

  /** null while the meeting has no protocol */
  'protocol.get': method(z.object({ meetingId: id }), protocol.nullable()),
  /** starts the protocol: each agenda item becomes a §, numbered on from the body's year */
  'protocol.create': method(z.object({ meetingId: id }), protocol),
  /** deletes a draft protocol with no attested §; later §§ of the year are renumbered */
  'protocol.discard': method(z.object({ meetingId: id }), z.object({ meetingId: z.number() })),
  /** Justeringens plats och tid */
  'protocol.update': method(
    z.object({ meetingId: id, attestationPlace: optionalText(300), attestationDate: optionalDate }),
    protocol,
  ),
  /** tillkännagivande/anslagsbevis under the protocol; chosen before attestation */
  'protocol.setAnnouncement': method(z.object({ meetingId: id, announcement: z.boolean() }), protocol),
  'protocol.addParagraph': method(
    z.object({ meetingId: id, fields: paragraphFields, position: z.number().int().min(1).optional() }),
    paragraph,
  ),
  /** autosave target: refused once the § is locked */
  'protocol.updateParagraph': method(z.object({ id, fields: paragraphFields }), paragraph),
  'protocol.removeParagraph': method(z.object({ id }), protocol),
  'protocol.reorderParagraphs': method(z.object({ meetingId: id, paragraphIds: z.array(id) }), protocol),
  /** jäv: these people do not take part in this § */
  'protocol.setRecusals': method(z.object({ paragraphId: id, personIds: z.array(id) }), paragraph),
  /** draft → ready_for_attestation; every § must be finished, justerare present */
  'protocol.submit': method(z.object({ meetingId: id }), protocol),
  /** ready_for_attestation → draft; attestations given so far are withdrawn */
  'protocol.reopen': method(z.object({ meetingId: id }), protocol),
  /** the chair or a justerare attests; the last one makes it attested and locked */
  'protocol.attest': method(
    z.object({ meetingId: id, personId: id, date: isoDate, place: optionalText(300) }),
    protocol,
  ),
  /** omedelbar justering of one finished § by the chair and the justerare */
  'protocol.attestParagraph': method(
    z.object({ paragraphId: id, personId: id, date: isoDate, place: optionalText(300) }),
    protocol,
  ),
  /** a dated correction note on an attested protocol or §; the original stays as it was */
  'protocol.addCorrection': method(
    z.object({ meetingId: id, paragraphId: optionalId, date: isoDate, text: requiredText(4000) }),
    protocol,
  ),

  /** by body, year and number; a page at a time */
  'paragraphs.list': method(
    z
      .object({
        bodyId: id.optional(),
        year: z.number().int().optional(),
        meetingId: id.optional(),
        ...pageRequest(100, 1000),
      })
      .default({ limit: 100, after: null }),
    page(paragraphSummary),
  ),

  /** open before done, by due date (overdue first, none last); a page at a time */
  'actions.list': method(actionFilter, page(actionItem)),
  'actions.add': method(z.object({ paragraphId: id, fields: actionItemFields }), actionItem),
  'actions.update': method(z.object({ id, fields: actionItemFields }), actionItem),
  /** follow-up: allowed also after attestation */
  'actions.setStatus': method(z.object({ id, status: z.enum(ACTION_STATUSES), doneOn: optionalDate }), actionItem),
  'actions.remove': method(z.object({ id }), z.object({ id: z.number() })),
  /** per priority: open / overdue / done (for the chart) */
  'actions.stats': method(z.object({ bodyId: id.optional() }).default({}), actionStats),

  /** Sammanträdesprotokoll as .docx (or a .zip with its beslutsunderlag); sign only when attested */
  'meetings.exportProtocol': method(
    z.object({ meetingId: id, lang, sign, withoutTimestamp, withAttachments }),
    exportedFile,
  ),
  /** Protokollsutdrag of one § as .docx (or a .zip with its beslutsunderlag); sign only when the § is locked */
  'meetings.exportExtract': method(
    z.object({ paragraphId: id, lang, sign, withoutTimestamp, withAttachments }),
    exportedFile,
  ),
  /** Kallelse med dagordning as .docx (or a .zip with its handlingar) */
  'meetings.exportAgenda': method(z.object({ meetingId: id, lang, withAttachments }), exportedFile),
  /** a rättelse as its own sealed Word document, naming the record it corrects */
  'meetings.exportCorrection': method(z.object({ correctionId: id, lang, sign, withoutTimestamp }), exportedFile),
};
