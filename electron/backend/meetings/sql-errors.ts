import { AppError } from '../../../shared/errors';
import type { SqlErrorMap } from '../sql-errors';
import { attachmentLocked, invalidField, invalidState, locked } from './errors';

/** The keys raised by the triggers of migrations 003 and 010, as the errors the services give. */
export const meetingSqlErrors: SqlErrorMap = {
  'meetings.overlap': () =>
    invalidField('startTime', 'overlap', 'The body already has a meeting at an overlapping time that day'),
  'meetings.locked': () => locked(),
  'meetings.cancelled': () => invalidState('cancelled', 'The meeting is cancelled'),
  'meetings.paragraph_mismatch': () =>
    invalidState('paragraph_mismatch', 'A § must belong to its meeting’s body and calendar year'),
  'meetings.attachment_locked': () => attachmentLocked(),
  'meetings.attachment_unchangeable': () => locked('A handling cannot be changed; remove it and attach the new file'),
  'meetings.attachment_mismatch': () =>
    invalidState('attachment_mismatch', 'A handling belongs to an agenda item or § of its own meeting'),
  'meetings.effective_priority': () =>
    invalidState('effective_priority', 'An action’s priority follows the action or its §; it cannot be set on its own'),
  'meetings.action_body': () =>
    invalidState('action_body', 'An action belongs to the body of its §; it cannot be set on its own'),
  'meetings.correction_append_only': () => locked('A correction note cannot be changed or removed'),
  'meetings.correction_needs_attested': () =>
    invalidState(
      'correction_needs_attested',
      'Corrections are added to an attested protocol or §; edit a draft directly',
    ),
  'UNIQUE constraint failed: paragraph.body_id, paragraph.year, paragraph.number': () =>
    new AppError('CONFLICT', 'That § number is already used by the body this year', {
      fields: { number: 'meetings.validation.number_taken' },
    }),
  'UNIQUE constraint failed: attendance.meeting_id, attendance.person_id': () =>
    invalidField('personId', 'already_attending', 'The person is already on the attendance list'),
};
