import type { VersionSummary } from '../../../shared/contract/agreements';
import type { Rule } from '../capability';
import { agreementErrors } from './errors';

/**
 * What an agreement version's state allows (draft → under signing → signed), as rules: each
 * answers the version's `can` flag and guards the call, so the renderer offers exactly what the
 * backend takes. The triggers of migration 002 hold the same locks underneath.
 */
export interface VersionState {
  status: VersionSummary['storedStatus'];
  successorIds: number[];
}

const draft: Rule<VersionState> = (s) =>
  s.status === 'signed'
    ? agreementErrors.versionSigned()
    : s.status === 'under_signing'
      ? agreementErrors.versionFrozen()
      : null;

const underSigning: Rule<VersionState> = (s) =>
  s.status === 'signed'
    ? agreementErrors.versionSigned()
    : s.status !== 'under_signing'
      ? agreementErrors.notUnderSigning()
      : null;

export const versionRules = {
  /** the text, period, parties and priorities */
  edit: draft,
  remove: draft,
  sendForSigning: (s) => (s.status !== 'draft' ? agreementErrors.notDraft() : null),
  recordSigning: underSigning,
  withdraw: underSigning,
  /** a signed version is renewed once: later the renewal is opened instead */
  renew: (s) =>
    s.status !== 'signed'
      ? agreementErrors.renewNeedsSigned()
      : s.successorIds.length > 0
        ? agreementErrors.renewalExists(s.successorIds[0])
        : null,
  /** export with the organisation's signature */
  sign: (s) => (s.status !== 'signed' ? agreementErrors.signOnlySigned() : null),
} satisfies Record<string, Rule<VersionState>>;
