import { useCallback } from 'react';
import type { KeystoreStatus, StoredCertificate } from '../../../shared/contract/signing';
import { useCall } from '../../api/hooks';
import { certificateValidity } from './certificateValidity';

/**
 * Whether an export can be signed right now and, if not, the first thing in the way, in the
 * order the user has to fix them: choose a certificate, one that is valid today, then unlock
 * the keystore that holds its key.
 */
export type SigningReadiness =
  | { state: 'loading' }
  | { state: 'noCertificate' }
  | { state: 'expired' | 'notYetValid' | 'locked' | 'ready'; certificate: StoredCertificate; passphraseSet: boolean };

/**
 * Reads the keystore and the active certificate, only for a document that may be signed (so
 * a draft never costs the two calls). Lock and unlock anywhere reload it (data-changed
 * 'keystore'); `reload` lets the view that unlocked go on with fresh state at once.
 */
export function useSigningReadiness(eligible: boolean): { readiness: SigningReadiness; reload(): Promise<void> } {
  const status = useCall('certificates.status', {}, { skip: !eligible });
  const list = useCall('certificates.list', {}, { skip: !eligible });
  const reloadStatus = status.reload;
  const reloadList = list.reload;
  const reload = useCallback(async () => {
    await Promise.all([reloadStatus(), reloadList()]);
  }, [reloadStatus, reloadList]);

  return { readiness: readinessOf(status.data, list.data), reload };
}

function readinessOf(status: KeystoreStatus | undefined, list: StoredCertificate[] | undefined): SigningReadiness {
  if (!status || !list) return { state: 'loading' };
  const certificate = list.find((c) => c.id === status.activeCertificateId);
  if (!certificate) return { state: 'noCertificate' };
  const validity = certificateValidity(certificate, new Date().toISOString());
  const state = validity !== 'valid' ? validity : status.unlocked ? 'ready' : 'locked';
  return { state, certificate, passphraseSet: status.passphraseSet };
}
