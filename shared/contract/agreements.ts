import { z } from 'zod';
import { method } from './define';
import { capabilities, documentLanguage, exportedFile, id, isoDate, optionalDate, optionalText } from './common';
import { richTextDoc } from '../richtext';
import { actProof } from './act-proof';
import { page, pageRequest } from './paging';

/**
 * Agreements (samverkansöverenskommelser) and their versions.
 *
 * Every mutation of a version's content (fields, parties, sections, priorities) is allowed
 * only while the version is a draft; the backend and SQL triggers both refuse otherwise.
 * Every mutation returns the whole version as it now stands, so a view can simply replace
 * what it shows. Changes appear in `history.forRecord({ entity: 'agreement_version', entityId })`.
 *
 * Messages are translation keys under `agreements.validation.` (fields) and
 * `agreements.reasons.` (params.reason of state errors).
 */

/** What is stored. `superseded` and `expired` are derived from the clock and successors. */
export const STORED_VERSION_STATUSES = ['draft', 'under_signing', 'signed'] as const;
/**
 * What a user sees: a signed version is `superseded` once a signed successor exists,
 * `expired` once its period has passed without one, and otherwise stays `signed`.
 */
export const VERSION_STATUSES = ['draft', 'under_signing', 'signed', 'superseded', 'expired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

const v = (key: string) => `agreements.validation.${key}`;

const title = z
  .string({ message: v('title_required') })
  .trim()
  .min(1, { message: v('title_required') })
  .max(300, { message: 'too_long' });
const heading = z
  .string({ message: v('heading_required') })
  .trim()
  .min(1, { message: v('heading_required') })
  .max(300, { message: 'too_long' });
const date = (key: string) => z.string({ message: v(key) }).pipe(isoDate);

/** A word-level change: text that is the same, inserted in the newer, or deleted from the older. */
export const segment = z.object({ kind: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type Segment = z.infer<typeof segment>;

// ---------- values returned ----------

/** what may be done to an agreement version now, and why not (see electron/backend/agreements/rules.ts) */
export const versionCapabilities = capabilities([
  'edit',
  'remove',
  'sendForSigning',
  'recordSigning',
  'withdraw',
  'renew',
  'sign',
]);

export const versionSummary = z.object({
  id: z.number(),
  agreementId: z.number(),
  agreementName: z.string(),
  title: z.string(),
  dnr: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.enum(VERSION_STATUSES),
  /** the stored state behind `status` */
  storedStatus: z.enum(STORED_VERSION_STATUSES),
  /** today (ctx clock) falls within the period and the version is signed */
  inForce: z.boolean(),
  predecessorId: z.number().nullable(),
  /** versions that name this one as predecessor */
  successorIds: z.array(z.number()),
  /** SHA-256 of the canonical content, set when signed */
  contentHash: z.string().nullable(),
  sentForSigningAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  can: versionCapabilities,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummary>;

export const signing = z.object({
  id: z.number(),
  partyId: z.number(),
  /** as written on the signature page, which may differ from today's person record */
  name: z.string(),
  title: z.string().nullable(),
  organisation: z.string(),
  signedOn: z.string(),
  place: z.string(),
  recordedAt: z.string(),
  /** digitally signed with the signatory's own certificate, or recorded without a digital signature */
  proof: actProof,
});
export type Signing = z.infer<typeof signing>;

export const party = z.object({
  id: z.number(),
  versionId: z.number(),
  position: z.number(),
  organisationId: z.number(),
  organisationName: z.string(),
  signatoryId: z.number(),
  signatoryName: z.string(),
  signatoryTitle: z.string().nullable(),
  /** null until this party's signatory has signed */
  signing: signing.nullable(),
});
export type Party = z.infer<typeof party>;

export const section = z.object({
  id: z.number(),
  versionId: z.number(),
  /** stable across renewals and copies: sections with the same key are compared in a redline */
  key: z.string(),
  position: z.number(),
  heading: z.string(),
  body: richTextDoc,
});
export type Section = z.infer<typeof section>;

export const priority = z.object({
  id: z.number(),
  versionId: z.number(),
  /** stable across renewals, like a section key */
  key: z.string(),
  position: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  /** the lägesbild the priority is drawn from, e.g. "Lokal lägesbild" */
  source: z.string().nullable(),
  sourceDate: z.string().nullable(),
  responsible: z.array(z.object({ organisationId: z.number(), organisationName: z.string() })),
});
export type Priority = z.infer<typeof priority>;

/**
 * A signing dated after the version's last day: recorded all the same (it is what happened on
 * paper), but the parties should know they signed an agreement that had already ended.
 */
export const signingWarning = z.object({
  partyId: z.number(),
  key: z.literal('agreements.warnings.signed_after_period'),
  signedOn: z.string(),
  validTo: z.string(),
});
export type SigningWarning = z.infer<typeof signingWarning>;

export const versionDetail = versionSummary.extend({
  parties: z.array(party),
  /** one per signing dated after the period's end */
  signingWarnings: z.array(signingWarning),
  sections: z.array(section),
  priorities: z.array(priority),
  predecessor: versionSummary.nullable(),
  /** content may be changed (draft only) */
  editable: z.boolean(),
  /** every party has signed (only meaningful under signing) */
  allSigned: z.boolean(),
  /** signed, and the organisation's seal of its record still waits for its trusted timestamp */
  sealAwaitsTimestamp: z.boolean(),
});
export type VersionDetail = z.infer<typeof versionDetail>;

export const agreementSummary = z.object({
  id: z.number(),
  name: z.string(),
  versionCount: z.number(),
  /** the version in force today, if any */
  inForce: versionSummary.nullable(),
  /** days from today to the last day of the version in force (0 on its last day) */
  daysLeft: z.number().nullable(),
  /** the version in force ends within the warning period (setting `warningDays`) */
  endingSoon: z.boolean(),
  /** the most recent version by period start, whatever its status */
  latest: versionSummary.nullable(),
  /** a draft or under-signing version that follows the version in force, if any */
  pendingRenewal: versionSummary.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgreementSummary = z.infer<typeof agreementSummary>;

/** versions `agreements.get` gives with the agreement: its newest periods; `agreements.versions.list` pages them all */
export const AGREEMENT_VERSIONS = 20;

export const agreementDetail = agreementSummary.extend({
  /** the newest AGREEMENT_VERSIONS versions by period start, in period order: the timeline (`versionCount` counts all) */
  versions: z.array(versionSummary),
});
export type AgreementDetail = z.infer<typeof agreementDetail>;

export const overview = z.object({
  today: z.string(),
  warningDays: z.number(),
  /** by name in Swedish order, a page at a time */
  agreements: page(agreementSummary),
});

/** agreements the overview shows at a time: each is a card with its timeline */
export const OVERVIEW_PAGE = 20;
export type AgreementsOverview = z.infer<typeof overview>;

export const redlineBlock = z.object({
  key: z.string(),
  change: z.enum(['unchanged', 'changed', 'added', 'removed']),
  /** position in the older / newer version (null when absent there) */
  fromPosition: z.number().nullable(),
  toPosition: z.number().nullable(),
  heading: z.array(segment),
  body: z.array(segment),
});
export type RedlineBlock = z.infer<typeof redlineBlock>;

export const redline = z.object({
  from: versionSummary,
  to: versionSummary,
  /** title, dnr and period */
  fields: z.array(
    z.object({
      field: z.enum(['title', 'dnr', 'period', 'parties']),
      changed: z.boolean(),
      segments: z.array(segment),
    }),
  ),
  /** in the newer version's order, removed sections after the one they followed */
  sections: z.array(redlineBlock),
  priorities: z.array(redlineBlock),
});
export type Redline = z.infer<typeof redline>;

export const agreementSettings = z.object({ warningDays: z.number() });

// ---------- inputs ----------

export const versionFields = z
  .object({
    title,
    dnr: optionalText(100),
    validFrom: date('valid_from_required'),
    validTo: date('valid_to_required'),
  })
  .superRefine((value, ctx) => {
    if (value.validFrom && value.validTo && value.validTo <= value.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: v('end_before_start') });
    }
  });
export type VersionFields = z.input<typeof versionFields>;

export const partyFields = z.object({
  organisationId: z.number({ message: v('organisation_required') }).pipe(id),
  signatoryId: z.number({ message: v('signatory_required') }).pipe(id),
});
export type PartyFields = z.input<typeof partyFields>;

export const sectionFields = z.object({
  heading,
  body: richTextDoc.default({ type: 'doc', content: [] }),
});
export type SectionFields = z.input<typeof sectionFields>;

export const priorityFields = z.object({
  title: z
    .string({ message: v('priority_title_required') })
    .trim()
    .min(1, { message: v('priority_title_required') })
    .max(300, { message: 'too_long' }),
  description: optionalText(4000),
  source: optionalText(300),
  sourceDate: optionalDate,
  responsibleIds: z.array(id).default([]),
});
export type PriorityFields = z.input<typeof priorityFields>;

export const signingFields = z.object({
  versionId: id,
  partyId: id,
  /** default: the party's signatory as recorded in the person register */
  name: optionalText(200),
  title: optionalText(200),
  organisation: optionalText(200),
  signedOn: date('signed_on_required'),
  place: z
    .string({ message: v('place_required') })
    .trim()
    .min(1, { message: v('place_required') })
    .max(200, { message: 'too_long' }),
});
export type SigningFields = z.input<typeof signingFields>;

export const renewInput = z
  .object({
    id,
    validFrom: date('valid_from_required').optional(),
    validTo: date('valid_to_required').optional(),
    /** also give every body membership that ends with the old period a new one for the new period */
    extendMandates: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if ((value.validFrom === undefined) !== (value.validTo === undefined)) {
      const missing = value.validFrom === undefined ? 'validFrom' : 'validTo';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: v(`${missing === 'validFrom' ? 'valid_from' : 'valid_to'}_required`),
      });
    } else if (value.validFrom && value.validTo && value.validTo <= value.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: v('end_before_start') });
    }
  });

export const staleDates = z.object({
  /** the period whose dates are looked for; null when the version renews nothing */
  predecessor: z.object({ validFrom: z.string(), validTo: z.string() }).nullable(),
  places: z.array(
    z.object({
      kind: z.enum(['title', 'section', 'priority']),
      /** the section's or priority's id (null for the title) */
      id: z.number().nullable(),
      /** the section heading or priority title the words were found in (or under) */
      name: z.string(),
      /** the words that name the old period, as written */
      words: z.array(z.string()),
    }),
  ),
});
export type StaleDates = z.infer<typeof staleDates>;

const lang = documentLanguage;
const orderedIds = z.array(id).min(1);

export const agreementsContract = {
  /** Overview: the agreements (a page) with the version in force today, days left and the ending-soon warning. */
  'agreements.overview': method(
    z.object({ ...pageRequest(OVERVIEW_PAGE, 100) }).default({ limit: OVERVIEW_PAGE, after: null }),
    overview,
  ),
  /** The agreements by name, a page at a time (same rows as the overview). */
  'agreements.list': method(
    z.object({ ...pageRequest(50, 500) }).default({ limit: 50, after: null }),
    page(agreementSummary),
  ),
  /** One agreement with its newest versions (the timeline); `agreements.versions.list` pages the rest. */
  'agreements.get': method(z.object({ id }), agreementDetail),
  /** A new agreement with its first draft version. */
  'agreements.create': method(z.object({ name: title, version: versionFields }), agreementDetail),
  'agreements.rename': method(z.object({ id, name: title }), agreementDetail),
  'agreements.settings': method(z.object({}).default({}), agreementSettings),
  'agreements.updateSettings': method(
    z.object({
      warningDays: z
        .number({ message: v('warning_days_invalid') })
        .int({ message: v('warning_days_invalid') })
        .min(0, { message: v('warning_days_invalid') })
        .max(3650, { message: v('warning_days_invalid') }),
    }),
    agreementSettings,
  ),

  /** Versions of one agreement, or of all agreements, newest period first, a page at a time. */
  'agreements.versions.list': method(
    z.object({ agreementId: id.optional(), ...pageRequest(50, 500) }).default({ limit: 50, after: null }),
    page(versionSummary),
  ),
  'agreements.versions.get': method(z.object({ id }), versionDetail),
  /** A new empty draft version of an agreement (optionally naming its predecessor). */
  'agreements.versions.create': method(
    z.object({ agreementId: id, fields: versionFields, predecessorId: id.nullish().transform((x) => x ?? null) }),
    versionDetail,
  ),
  'agreements.versions.update': method(z.object({ id, fields: versionFields }), versionDetail),
  /**
   * A new draft for `validFrom`–`validTo` (by default the period after this version: same
   * length, starting the day after it ends), copying text, parties, signatories and priorities,
   * linked to this as predecessor. The period must begin after this version ends and may not
   * overlap a signed version.
   */
  'agreements.versions.renew': method(renewInput, versionDetail),
  /**
   * The period a renewal of this version gets unless told otherwise, and the bodies whose
   * memberships end with this version (a renewal can extend them).
   */
  'agreements.versions.nextPeriod': method(
    z.object({ id }),
    z.object({
      validFrom: z.string(),
      validTo: z.string(),
      rosters: z.array(z.object({ bodyId: z.number(), bodyName: z.string(), members: z.number() })),
    }),
  ),
  /** Text in a version that still names its predecessor's dates (after a renewal), place by place. */
  'agreements.versions.staleDates': method(z.object({ id }), staleDates),
  /** Removes a draft version (never one under signing or signed). */
  'agreements.versions.delete': method(z.object({ id }), z.object({ id: z.number(), agreementId: z.number() })),

  'agreements.parties.add': method(z.object({ versionId: id, fields: partyFields }), versionDetail),
  'agreements.parties.update': method(z.object({ id, fields: partyFields }), versionDetail),
  'agreements.parties.remove': method(z.object({ id }), versionDetail),
  'agreements.parties.reorder': method(z.object({ versionId: id, ids: orderedIds }), versionDetail),

  /** Adds a section at the end, or right after `afterId`. */
  'agreements.sections.add': method(
    z.object({ versionId: id, fields: sectionFields, afterId: id.optional() }),
    versionDetail,
  ),
  /** Saves heading and text (autosave calls this). */
  'agreements.sections.update': method(z.object({ id, fields: sectionFields }), versionDetail),
  'agreements.sections.remove': method(z.object({ id }), versionDetail),
  /** `ids` lists every section of the version in the new order. */
  'agreements.sections.reorder': method(z.object({ versionId: id, ids: orderedIds }), versionDetail),

  'agreements.priorities.add': method(z.object({ versionId: id, fields: priorityFields }), versionDetail),
  'agreements.priorities.update': method(z.object({ id, fields: priorityFields }), versionDetail),
  'agreements.priorities.remove': method(z.object({ id }), versionDetail),
  'agreements.priorities.reorder': method(z.object({ versionId: id, ids: orderedIds }), versionDetail),

  /** Draft → under signing: checks the version is complete and freezes its content. */
  'agreements.signing.send': method(z.object({ versionId: id }), versionDetail),
  /** Records one signatory's signing; when every party has signed the version becomes signed and its content hash is stored. */
  'agreements.signing.record': method(signingFields, versionDetail),
  /** Under signing → draft, clearing every recorded signing and the frozen document with its signatures (the UI asks first). */
  'agreements.signing.withdraw': method(z.object({ versionId: id }), versionDetail),

  /** Redline between any two versions (usually older → newer); period fields read in `lang`. */
  'agreements.compare': method(z.object({ fromId: id, toId: id, lang }), redline),
  /** The redline as a Word document with tracked changes. */
  'agreements.compareDocx': method(z.object({ fromId: id, toId: id, lang }), exportedFile),
  /** The version as a Word document; `sign` adds a package signature (signed versions only). Logged in the version's history. */
  'agreements.exportDocx': method(
    z.object({ versionId: id, lang, sign: z.boolean().default(false), withoutTimestamp: z.boolean().default(false) }),
    exportedFile,
  ),
};
