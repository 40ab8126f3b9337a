import { AppError } from '../../../../shared/errors';

/** Refuses a certificate outside its validity period at `now` (ISO times, as stored and as certificateInfo gives them). */
export function assertValidAt(validity: { validFrom: string; validTo: string }, now: Date): void {
  const at = now.toISOString();
  if (at < validity.validFrom) {
    throw new AppError(
      'INVALID_STATE',
      `The signing certificate is not valid until ${validity.validFrom.slice(0, 10)}`,
      {
        params: { reason: 'signing.errors.not_yet_valid', date: validity.validFrom.slice(0, 10) },
      },
    );
  }
  if (at > validity.validTo) {
    throw new AppError('INVALID_STATE', `The signing certificate expired on ${validity.validTo.slice(0, 10)}`, {
      params: { reason: 'signing.errors.expired', date: validity.validTo.slice(0, 10) },
    });
  }
}
