import { AppError } from '../../../shared/errors';
import type { SqlErrorMap } from '../sql-errors';

/**
 * The agreement rules' errors, one place for both paths: the service throws them before
 * writing, and the same rule raised by an SQL trigger (RAISE(ABORT, 'key')) maps to the same
 * error, so a user sees one clear message whichever layer caught it.
 * Field keys live under `agreements.validation.`, reasons under `agreements.reasons.`.
 */
const reason = (key: string) => ({ reason: `agreements.reasons.${key}` });
const field = (key: string) => `agreements.validation.${key}`;

export const agreementErrors = {
  versionSigned: () =>
    new AppError('LOCKED', 'The agreement version is signed and cannot be changed; renew it to make a new version', {
      params: reason('version_signed'),
    }),
  versionFrozen: () =>
    new AppError(
      'LOCKED',
      'The agreement version is out for signing and its content is frozen; withdraw it from signing to edit',
      {
        params: reason('version_frozen'),
      },
    ),
  badTransition: () =>
    new AppError('INVALID_STATE', 'The agreement version cannot move to that status from its current one', {
      params: reason('bad_transition'),
    }),
  notUnderSigning: () =>
    new AppError('INVALID_STATE', 'Signings can only be recorded while the version is out for signing', {
      params: reason('not_under_signing'),
    }),
  notDraft: () =>
    new AppError('INVALID_STATE', 'Only a draft can be sent for signing', { params: reason('not_draft') }),
  notAllSigned: () =>
    new AppError('INVALID_STATE', 'Not every party has signed yet', { params: reason('not_all_signed') }),
  noParties: () =>
    new AppError(
      'VALIDATION',
      'The version needs at least one party with a signatory before it can be sent for signing',
      {
        fields: { parties: field('parties_required') },
        params: reason('parties_required'),
      },
    ),
  noSections: () =>
    new AppError('VALIDATION', 'The version has no text; add at least one section before sending it for signing', {
      fields: { sections: field('sections_required') },
      params: reason('sections_required'),
    }),
  overlap: (other?: { title: string; validFrom: string; validTo: string }) =>
    new AppError(
      'VALIDATION',
      other
        ? `The period overlaps the signed version "${other.title}" (${other.validFrom} – ${other.validTo}); two signed versions may not overlap`
        : 'The period overlaps another signed version of the agreement; two signed versions may not overlap',
      {
        fields: { validFrom: field('overlap') },
        params: {
          ...reason('overlap'),
          ...(other ? { title: other.title, from: other.validFrom, to: other.validTo } : {}),
        },
      },
    ),
  predecessorOtherAgreement: () =>
    new AppError('VALIDATION', 'The predecessor must be a version of the same agreement', {
      fields: { predecessorId: field('predecessor_other_agreement') },
    }),
  duplicateParty: () =>
    new AppError('VALIDATION', 'That organisation is already a party to this version', {
      fields: { organisationId: field('duplicate_party') },
    }),
  unknownOrganisation: (key = 'organisationId') =>
    new AppError('VALIDATION', 'The organisation does not exist', { fields: { [key]: field('unknown_organisation') } }),
  unknownSignatory: () =>
    new AppError('VALIDATION', 'The signatory does not exist in the person register', {
      fields: { signatoryId: field('unknown_signatory') },
    }),
  partyNotInVersion: () =>
    new AppError('VALIDATION', 'That party does not belong to this version', {
      fields: { partyId: field('party_not_in_version') },
    }),
  signedOnFuture: () =>
    new AppError('VALIDATION', 'The signing date cannot be later than today', {
      fields: { signedOn: field('signed_on_future') },
    }),
  reorderMismatch: () =>
    new AppError('VALIDATION', 'The new order must list every item of the version exactly once', {
      fields: { ids: field('reorder_mismatch') },
    }),
  renewalExists: (successorId: number) =>
    new AppError(
      'CONFLICT',
      `This version already has a successor (version ${successorId}); open that one instead of renewing again`,
      {
        params: { ...reason('renewal_exists'), successorId },
      },
    ),
  endBeforeStart: () =>
    new AppError('VALIDATION', 'The period must end after it begins', {
      fields: { validTo: field('end_before_start') },
    }),
  renewalOverlapsSource: (sourceEnd: string) =>
    new AppError('VALIDATION', `The renewal's period must begin after the version it renews ends (${sourceEnd})`, {
      fields: { validFrom: field('renewal_overlaps_source') },
      params: { ...reason('renewal_overlaps_source'), date: sourceEnd },
    }),
  signedDigitally: (name: string) =>
    new AppError(
      'LOCKED',
      `${name} has signed digitally: that signing cannot be changed; withdraw the version from signing to start over`,
      { params: { ...reason('signed_digitally'), name } },
    ),
  alreadySigned: (name: string) =>
    new AppError('INVALID_STATE', `${name} has already signed for this party: a second signature is not recorded`, {
      params: { ...reason('already_signed'), name },
    }),
  placeRequired: () =>
    new AppError('VALIDATION', 'Say where the agreement was signed', { fields: { place: field('place_required') } }),
  signedMeanwhile: () =>
    new AppError('INVALID_STATE', 'Someone else signed the document meanwhile: sign again', {
      params: reason('signed_meanwhile'),
    }),
  renewNeedsSigned: () =>
    new AppError('INVALID_STATE', 'Only a signed version is renewed; edit a draft directly', {
      params: reason('renew_needs_signed'),
    }),
  signOnlySigned: () =>
    new AppError('INVALID_STATE', 'Only a signed version can be exported with a package signature', {
      params: reason('sign_needs_signed'),
    }),
};

/** The keys raised by the agreement triggers (migrations 002 and 012), as the errors the services give. */
export const agreementSqlErrors: SqlErrorMap = {
  agreement_version_signed: agreementErrors.versionSigned,
  agreement_version_frozen: agreementErrors.versionFrozen,
  agreement_version_bad_transition: agreementErrors.badTransition,
  agreement_version_not_under_signing: agreementErrors.notUnderSigning,
  agreement_version_no_parties: agreementErrors.noParties,
  agreement_version_not_all_signed: agreementErrors.notAllSigned,
  agreement_version_overlap: () => agreementErrors.overlap(),
  agreement_predecessor_other_agreement: agreementErrors.predecessorOtherAgreement,
  agreement_signing_digital: () => agreementErrors.signedDigitally('The signatory'),
};
