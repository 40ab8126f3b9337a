import type { VersionDetail } from '../../../shared/contract/agreements';

/** The place is usually the same for every party: the signing dialogs offer the one recorded last. */
export function lastSigningPlace(version: VersionDetail): string {
  return (
    version.parties
      .map((p) => p.signing?.place)
      .filter(Boolean)
      .at(-1) ?? ''
  );
}
