import { AppError } from '../../../../shared/errors';
import type { SqlErrorMap } from '../../sql-errors';

/** The keys raised by the triggers of migration 009, as the errors the services give. */
export const personalSigningSqlErrors: SqlErrorMap = {
  'signing.person_certificate_fixed': () =>
    new AppError(
      'LOCKED',
      'A person’s certificate is never changed or deleted; it can only be removed (its key destroyed)',
      {
        params: { reason: 'signing.errors.person_certificate_fixed' },
      },
    ),
  'meetings.frozen': () =>
    new AppError('LOCKED', 'The document sent for justering is never changed; reopen the protocol and send it again', {
      params: { reason: 'meetings.reasons.frozen' },
    }),
};
