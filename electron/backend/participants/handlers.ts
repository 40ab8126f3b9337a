import { extendMandates, mandateCoverage } from './mandates';
import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import {
  archiveOrganisation,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisations';
import { createPerson, getPerson, listPeople, updatePerson } from './people';
import {
  addMember,
  archiveBody,
  createBody,
  findBodyByName,
  getBody,
  listBodies,
  listMembers,
  removeMember,
  updateBody,
  updateMember,
} from './bodies';

type ParticipantMethod = Extract<Method, `organisations.${string}` | `people.${string}` | `bodies.${string}`>;

export const participantsHandlers: HandlerMap<ParticipantMethod> = {
  'organisations.list': (ctx, i) => listOrganisations(ctx, i),
  'organisations.get': (ctx, i) => getOrganisation(ctx, i.id),
  'organisations.create': (ctx, i) => createOrganisation(ctx, i),
  'organisations.update': (ctx, i) => updateOrganisation(ctx, i.id, i.fields),
  'organisations.archive': (ctx, i) => archiveOrganisation(ctx, i.id, i.archived),
  'people.list': (ctx, i) => listPeople(ctx, i),
  'people.get': (ctx, i) => getPerson(ctx, i.id),
  'people.create': (ctx, i) => createPerson(ctx, i),
  'people.update': (ctx, i) => updatePerson(ctx, i.id, i.fields),
  'bodies.list': (ctx, i) => listBodies(ctx, i),
  'bodies.get': (ctx, i) => getBody(ctx, i.id),
  'bodies.findByName': (ctx, i) => findBodyByName(ctx, i.name),
  'bodies.create': (ctx, i) => createBody(ctx, i),
  'bodies.update': (ctx, i) => updateBody(ctx, i.id, i.fields),
  'bodies.archive': (ctx, i) => archiveBody(ctx, i.id, i.archived),
  'bodies.members': (ctx, i) => listMembers(ctx, i.bodyId, i.on),
  'bodies.addMember': (ctx, i) => addMember(ctx, i),
  'bodies.updateMember': (ctx, i) => updateMember(ctx, i.id, i.fields),
  'bodies.removeMember': (ctx, i) => removeMember(ctx, i.id),
  'bodies.mandates': (ctx, i) => mandateCoverage(ctx, i.bodyId, i.date),
  'bodies.extendMandates': (ctx, i) =>
    extendMandates(ctx, i.bodyId, i.endedOn, { validFrom: i.validFrom, validTo: i.validTo }),
};
