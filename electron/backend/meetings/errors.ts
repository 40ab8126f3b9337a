import { AppError, fieldError } from '../../../shared/errors';

/** Errors of the meetings area; keys are namespaced so the renderer finds them in meetings.json. */
export const invalidField = (field: string, key: string, message: string): AppError =>
  fieldError(field, `meetings.validation.${key}`, message);

export const invalidState = (reason: string, message: string, params: Record<string, string | number> = {}): AppError =>
  new AppError('INVALID_STATE', message, { params: { reason: `meetings.reasons.${reason}`, ...params } });

export const locked = (
  message = 'The protocol is attested and can no longer be changed; add a correction note instead',
): AppError => new AppError('LOCKED', message, { params: { reason: 'meetings.reasons.attested' } });

export const attachmentLocked = (): AppError =>
  new AppError('LOCKED', 'The handling is part of what was attested and can no longer be added or removed', {
    params: { reason: 'meetings.reasons.attachment_locked' },
  });
