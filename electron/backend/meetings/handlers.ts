import type { HandlerMap } from '../handlers';
import type { Method } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

type MeetingsMethod = Extract<Method, `actions.${string}` | `agenda.${string}` | `attendance.${string}` | `meetings.${string}` | `paragraphs.${string}` | `protocol.${string}`>;

const notYet = (): never => {
  throw new AppError('INVALID_STATE', 'Not implemented yet');
};

export const meetingsHandlers: HandlerMap<MeetingsMethod> = {
  'meetings.list': notYet,
  'meetings.get': notYet,
  'meetings.create': notYet,
  'meetings.planSeries': notYet,
  'meetings.update': notYet,
  'meetings.cancel': notYet,
  'meetings.remove': notYet,
  'meetings.priorities': notYet,
  'agenda.list': notYet,
  'agenda.add': notYet,
  'agenda.update': notYet,
  'agenda.remove': notYet,
  'agenda.reorder': notYet,
  'agenda.suggestions': notYet,
  'agenda.carryOver': notYet,
  'agenda.applyTemplate': notYet,
  'agenda.template': notYet,
  'agenda.setTemplate': notYet,
  'attendance.list': notYet,
  'attendance.prefill': notYet,
  'attendance.add': notYet,
  'attendance.update': notYet,
  'attendance.remove': notYet,
  'protocol.get': notYet,
  'protocol.create': notYet,
  'protocol.discard': notYet,
  'protocol.update': notYet,
  'protocol.addParagraph': notYet,
  'protocol.updateParagraph': notYet,
  'protocol.removeParagraph': notYet,
  'protocol.reorderParagraphs': notYet,
  'protocol.setRecusals': notYet,
  'protocol.submit': notYet,
  'protocol.reopen': notYet,
  'protocol.attest': notYet,
  'protocol.attestParagraph': notYet,
  'protocol.addCorrection': notYet,
  'paragraphs.list': notYet,
  'actions.list': notYet,
  'actions.add': notYet,
  'actions.update': notYet,
  'actions.setStatus': notYet,
  'actions.remove': notYet,
  'actions.stats': notYet,
  'meetings.exportProtocol': notYet,
  'meetings.exportExtract': notYet,
  'meetings.exportAgenda': notYet,
};
