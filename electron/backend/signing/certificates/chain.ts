import type crypto from 'node:crypto';

/** The trusted certificate that anchors `signer`, walking up through `intermediates`; null when none does. */
export function chainToTrusted(
  signer: crypto.X509Certificate,
  intermediates: crypto.X509Certificate[],
  trusted: crypto.X509Certificate[],
): crypto.X509Certificate | null {
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    const same = trusted.find((t) => t.fingerprint256 === current.fingerprint256);
    if (same) return same;
    const issuedBy = (candidates: crypto.X509Certificate[]) =>
      candidates.find((c) => current.checkIssued(c) && current.verify(c.publicKey));
    const anchor = issuedBy(trusted);
    if (anchor) return anchor;
    const next = issuedBy(intermediates);
    if (!next || next.fingerprint256 === current.fingerprint256) return null;
    current = next;
  }
  return null;
}
