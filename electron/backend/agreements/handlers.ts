import type { HandlerMap } from '../handlers';
import type { Method } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

type AgreementMethod = Extract<Method, `agreements.${string}`>;

const notYet = (): never => {
  throw new AppError('INVALID_STATE', 'Not implemented yet');
};

export const agreementsHandlers: HandlerMap<AgreementMethod> = {
  'agreements.overview': notYet,
  'agreements.list': notYet,
  'agreements.get': notYet,
  'agreements.create': notYet,
  'agreements.rename': notYet,
  'agreements.settings': notYet,
  'agreements.updateSettings': notYet,
  'agreements.versions.list': notYet,
  'agreements.versions.get': notYet,
  'agreements.versions.create': notYet,
  'agreements.versions.update': notYet,
  'agreements.versions.renew': notYet,
  'agreements.versions.delete': notYet,
  'agreements.parties.add': notYet,
  'agreements.parties.update': notYet,
  'agreements.parties.remove': notYet,
  'agreements.parties.reorder': notYet,
  'agreements.sections.add': notYet,
  'agreements.sections.update': notYet,
  'agreements.sections.remove': notYet,
  'agreements.sections.reorder': notYet,
  'agreements.priorities.add': notYet,
  'agreements.priorities.update': notYet,
  'agreements.priorities.remove': notYet,
  'agreements.priorities.reorder': notYet,
  'agreements.signing.send': notYet,
  'agreements.signing.record': notYet,
  'agreements.signing.withdraw': notYet,
  'agreements.compare': notYet,
  'agreements.compareDocx': notYet,
  'agreements.exportDocx': notYet,
};
