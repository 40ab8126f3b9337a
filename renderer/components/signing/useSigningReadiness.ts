import type { SigningReadiness as BackendReadiness } from '../../../shared/contract/signing';
import { useCall } from '../../api/hooks';

/**
 * Whether an export can be signed right now and, if not, the first thing in the way: the
 * backend's `certificates.readiness`, judged on its own clock.
 */
export type SigningReadiness = { state: 'loading' } | BackendReadiness;

/**
 * Asks only for a document that may be signed (so a draft never costs the call). Lock and
 * unlock anywhere reload it (data-changed 'keystore'); `reload` lets the view that unlocked go
 * on with fresh state at once.
 */
export function useSigningReadiness(eligible: boolean): { readiness: SigningReadiness; reload(): Promise<void> } {
  const answer = useCall('certificates.readiness', {}, { skip: !eligible });
  return { readiness: answer.data ?? { state: 'loading' }, reload: answer.reload };
}
