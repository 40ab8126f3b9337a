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

/** What an immediately attested §'s extract shows (the meeting header, the attendance) is fixed. */
export const lockedByExtract = (): AppError =>
  new AppError(
    'LOCKED',
    'A § of this meeting is attested at once: the meeting details and attendance its extract shows can no longer change',
    { params: { reason: 'meetings.reasons.locked_by_extract' } },
  );
