import { AppError } from '../../../shared/errors';
import type { SqlErrorMap } from '../sql-errors';
import { lockedByExtract } from '../meetings/errors';

const reason = (key: string) => ({ reason: `records.reasons.${key}` });

export const recordErrors = {
  sealed: () =>
    new AppError('LOCKED', 'A sealed record and its signatures can never be changed or removed', {
      params: reason('sealed'),
    }),
  sealMissing: () =>
    new AppError('INVALID_STATE', 'The act cannot complete without its sealed record', {
      params: reason('seal_missing'),
    }),
  notPending: () =>
    new AppError('INVALID_STATE', 'The organisation’s seal of this record is not waiting for a timestamp', {
      params: reason('seal_not_pending'),
    }),
  /** an act completed, but its record is missing (sealed before this version, or removed around the rules) */
  missing: (label: string) =>
    new AppError(
      'SEAL_BROKEN',
      `${label} is attested or signed, but its sealed record is missing; run "samrad check"`,
      { params: { record: label, problem: 'missing', field: '' } },
    ),
};

/** The keys raised by the triggers of migration 006, as the errors the services give. */
export const recordSqlErrors: SqlErrorMap = {
  'records.sealed': recordErrors.sealed,
  'records.seal_missing': recordErrors.sealMissing,
  'records.seal_not_pending': recordErrors.notPending,
  'meetings.locked_by_extract': lockedByExtract,
};
