import { z } from 'zod';
import { method } from './define';
import { email, id, isoDate, optionalDate, optionalText, periodRefinement, phone, requiredText } from './common';
import { page, pageRequest } from './paging';

export const ORGANISATION_KINDS = ['kommun', 'polis', 'raddningstjanst', 'annan'] as const;
export const MEMBER_ROLES = [
  'ordforande',
  'vice_ordforande',
  'ledamot',
  'ersattare',
  'sekreterare',
  'adjungerad',
] as const;

export const organisation = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  shortName: z.string().nullable(),
  /** a unit within another organisation, e.g. fältassistenterna within the municipality */
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisation>;

export const organisationFields = z.object({
  name: requiredText(200),
  kind: z.enum(ORGANISATION_KINDS, { message: 'required' }),
  shortName: optionalText(50),
  parentId: id.nullish().transform((v) => v ?? null),
});
export type OrganisationFields = z.input<typeof organisationFields>;

export const person = z.object({
  id: z.number(),
  name: z.string(),
  title: z.string().nullable(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof person>;

export const personFields = z
  .object({
    name: requiredText(200),
    title: optionalText(200),
    organisationId: id.nullish().transform((v) => v ?? null),
    email,
    phone,
    activeFrom: optionalDate,
    activeTo: optionalDate,
  })
  .superRefine(periodRefinement('activeFrom', 'activeTo'));
export type PersonFields = z.input<typeof personFields>;

export const BODY_KINDS = ['chefssamrad', 'lagesmote', 'arbetsgrupp', 'annat'] as const;

export const body = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(BODY_KINDS),
  description: z.string().nullable(),
  /** the language its protocols are sealed in (a translation into the other is a separate, labelled rendering) */
  recordLanguage: z.enum(['sv', 'en']),
  archived: z.boolean(),
  memberCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Body = z.infer<typeof body>;

export const bodyFields = z.object({
  name: requiredText(200),
  kind: z.enum(BODY_KINDS, { message: 'required' }),
  description: optionalText(4000),
  recordLanguage: z.enum(['sv', 'en']).default('sv'),
});
export type BodyFields = z.input<typeof bodyFields>;

export const member = z.object({
  id: z.number(),
  bodyId: z.number(),
  personId: z.number(),
  personName: z.string(),
  personTitle: z.string().nullable(),
  organisationName: z.string().nullable(),
  role: z.enum(MEMBER_ROLES),
  from: z.string(),
  to: z.string().nullable(),
  substituteForId: z.number().nullable(),
  substituteForName: z.string().nullable(),
});
export type Member = z.infer<typeof member>;

export const memberFields = z
  .object({
    bodyId: id,
    personId: id,
    role: z.enum(MEMBER_ROLES, { message: 'required' }),
    from: isoDate,
    to: optionalDate,
    substituteForId: id.nullish().transform((v) => v ?? null),
  })
  .superRefine(periodRefinement('from', 'to'));
export type MemberFields = z.input<typeof memberFields>;

/**
 * Whether anyone in a body holds a mandate on a date and, when nobody does, when the last
 * mandates ended and the period Samråd proposes to extend them to (the agreement version
 * covering the date, else periods as long as the last one until the date is covered).
 */
export const mandateCoverage = z.object({
  bodyId: z.number(),
  date: z.string(),
  /** people with a role in the body on the date */
  membersOnDate: z.number(),
  /** last day of the most recent mandates that ended before the date; null when none did */
  lastEnded: z.string().nullable(),
  /** how many memberships ended on that day (what an extension copies) */
  endedCount: z.number(),
  proposal: z.object({ validFrom: z.string(), validTo: z.string() }).nullable(),
});
export type MandateCoverage = z.infer<typeof mandateCoverage>;

export const extendMandatesInput = z
  .object({
    bodyId: id,
    /** the memberships that ended on this day get a new period */
    endedOn: isoDate,
    validFrom: isoDate,
    validTo: isoDate,
  })
  .superRefine(periodRefinement('validFrom', 'validTo'))
  .superRefine((value, ctx) => {
    if (value.validFrom && value.endedOn && value.validFrom <= value.endedOn)
      ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'mandate_overlaps' });
  });

/** people shown or offered at a time when the caller does not say */
export const PEOPLE_PAGE = 100;

/** organisations or bodies shown at a time when the caller does not say */
export const REGISTER_PAGE = 50;

/** how many rows a list's `ids` filter may name: a picker's chosen values, never a register */
export const IDS_FILTER_MAX = 100;

/**
 * Only the rows with these ids (archived or not): how a picker names its chosen values when no
 * page of choices holds them.
 */
const idsFilter = z.array(id).min(1).max(IDS_FILTER_MAX).optional();

/** the filter and page of the organisation and body registers: archived ones only when asked for (or named by `ids`) */
const registerListInput = z
  .object({
    includeArchived: z.boolean().optional(),
    search: z.string().trim().max(200).optional(),
    ids: idsFilter,
    ...pageRequest(REGISTER_PAGE, 500),
  })
  .default({ limit: REGISTER_PAGE, after: null });

export const participantsContract = {
  /** by name (Swedish order); `search` matches the name and the short name; a page at a time */
  'organisations.list': method(registerListInput, page(organisation)),
  'organisations.get': method(z.object({ id }), organisation),
  'organisations.create': method(organisationFields, organisation),
  'organisations.update': method(z.object({ id, fields: organisationFields }), organisation),
  'organisations.archive': method(z.object({ id, archived: z.boolean() }), organisation),

  /** by name (Swedish order); `search` matches name, title, organisation, e-mail and phone; a page at a time */
  'people.list': method(
    z
      .object({
        search: z.string().trim().max(200).optional(),
        organisationId: id.optional(),
        ids: idsFilter,
        ...pageRequest(PEOPLE_PAGE, 500),
      })
      .default({ limit: PEOPLE_PAGE, after: null }),
    page(person),
  ),
  'people.get': method(z.object({ id }), person),
  'people.create': method(personFields, person),
  'people.update': method(z.object({ id, fields: personFields }), person),

  /** by name (Swedish order); `search` matches the name; a page at a time */
  'bodies.list': method(registerListInput, page(body)),
  'bodies.get': method(z.object({ id }), body),
  /** the body with this name, compared as names are (trimmed, case folded with Swedish rules), if any */
  'bodies.findByName': method(z.object({ name: requiredText(200) }), body.nullable()),
  'bodies.create': method(bodyFields, body),
  'bodies.update': method(z.object({ id, fields: bodyFields }), body),
  'bodies.archive': method(z.object({ id, archived: z.boolean() }), body),
  'bodies.members': method(z.object({ bodyId: id, on: optionalDate }), z.array(member)),
  'bodies.addMember': method(memberFields, member),
  'bodies.updateMember': method(z.object({ id, fields: memberFields }), member),
  'bodies.removeMember': method(z.object({ id }), z.object({ id: z.number() })),
  /** who holds a mandate in the body on a date, and what to extend when nobody does */
  'bodies.mandates': method(z.object({ bodyId: id, date: isoDate }), mandateCoverage),
  /** gives every membership that ended on `endedOn` a new one for the period: one step for a new mandate period */
  'bodies.extendMandates': method(extendMandatesInput, z.object({ extended: z.array(member) })),
};
