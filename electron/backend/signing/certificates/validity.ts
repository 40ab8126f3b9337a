import { AppError } from '../../../../shared/errors';
import type { CertificateValidity } from '../../../../shared/contract/signing';
import { refuse, type Refusal } from '../../capability';

type Period = { validFrom: string; validTo: string };

/** Where `now` falls in a certificate's validity period (ISO times, as stored and as certificateInfo gives them). */
export function validityAt(period: Period, now: Date): CertificateValidity {
  const at = now.toISOString();
  return at < period.validFrom ? 'notYetValid' : at > period.validTo ? 'expired' : 'valid';
}

/** The refusal of a certificate outside its validity period at `now`, naming the date it begins or ended. */
export function validityRefusal(period: Period, now: Date): Refusal {
  switch (validityAt(period, now)) {
    case 'notYetValid':
      return new AppError(
        'INVALID_STATE',
        `The signing certificate is not valid until ${period.validFrom.slice(0, 10)}`,
        {
          params: { reason: 'signing.errors.not_yet_valid', date: period.validFrom.slice(0, 10) },
        },
      );
    case 'expired':
      return new AppError('INVALID_STATE', `The signing certificate expired on ${period.validTo.slice(0, 10)}`, {
        params: { reason: 'signing.errors.expired', date: period.validTo.slice(0, 10) },
      });
    case 'valid':
      return null;
  }
}

/** Refuses a certificate outside its validity period at `now`. */
export function assertValidAt(period: Period, now: Date): void {
  refuse(validityRefusal(period, now));
}
