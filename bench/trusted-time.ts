import { packDocx } from '../electron/backend/export/pack';
import { signPackage } from '../electron/backend/signing/opc/sign-package';
import { verifyPackage } from '../electron/backend/signing/opc/verify-package';
import { timestampPackageSignature } from '../electron/backend/signing/timestamp/signature-timestamp';
import { requestTimestamp } from '../electron/backend/signing/timestamp/tsa-client';
import { startLocalTsa } from '../test/support/local-tsa';
import { testCa } from '../test/support/test-ca';
import { median } from './median';
import { syntheticParagraphs, syntheticProtocolDocument } from './synthetic-protocol';

/**
 * Signing and verifying a 200-§ protocol with and without an RFC 3161 timestamp (XAdES-T) from
 * a TSA on this machine (openssl ts -reply per request: the TSA's own time is in the figure; a
 * TSA across a network adds its round trip).
 */
export async function benchTrustedTime(): Promise<void> {
  const now = new Date();
  const { ca, signer } = testCa(now, 'Benchkommunen');
  const identity = { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] };
  const tsa = await startLocalTsa();
  try {
    const unsigned = await packDocx(syntheticProtocolDocument(syntheticParagraphs(200)));
    const stamp = (bytes: Uint8Array) =>
      timestampPackageSignature(bytes, '_xmlsignatures/sig1.xml', (d) => requestTimestamp(tsa.url, d));
    const runs = 5;
    const plain = await median(runs, async () => signPackage(unsigned, identity, now));
    const stamped = await median(runs, async () => stamp(signPackage(unsigned, identity, now)));
    const bes = signPackage(unsigned, identity, now);
    const t = await stamp(bes);
    const trusted = [ca.certificate, tsa.root];
    verifyPackage(t, { trusted }); // warm up, so the first figure is not the JIT's
    const verifyBes = await median(runs, async () => verifyPackage(bes, { trusted }));
    const verifyT = await median(runs, async () => verifyPackage(t, { trusted }));
    console.log('\nTrusted time, 200-§ protocol (median of 5):');
    console.log(
      `  sign XAdES-BES: ${plain.toFixed(1)} ms; sign + timestamp (XAdES-T, local TSA): ${stamped.toFixed(1)} ms`,
    );
    console.log(
      `  verify XAdES-BES: ${verifyBes.toFixed(1)} ms; verify XAdES-T (token checked): ${verifyT.toFixed(1)} ms`,
    );
  } finally {
    await tsa.close();
  }
}
