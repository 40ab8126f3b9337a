import { packDocx } from '../electron/backend/export/pack';
import { issueCertificate } from '../electron/backend/signing/certificates/issue';
import { signPackage, withCompactRelationships } from '../electron/backend/signing/opc/sign-package';
import { verifyPackage } from '../electron/backend/signing/opc/verify-package';
import { median } from './median';
import { syntheticParagraphs, syntheticProtocolDocument } from './synthetic-protocol';

/**
 * A 200-§ protocol attested by its chair and two justerare, each adding their own signature
 * (sig1–sig3) to the same frozen document, as "Justera digitalt" does, and verifying all three;
 * beside one signature. Signing only: no TSA (its round trip is in the trusted-time figures).
 */
export async function benchCoSigning(): Promise<void> {
  const now = new Date();
  const from = new Date(now.getTime() - 30 * 86400e3);
  const to = new Date(now.getTime() + 365 * 86400e3);
  const organisation = 'Benchkommunen';
  const ca = issueCertificate({
    commonName: `${organisation} lokal CA`,
    organisation,
    notBefore: from,
    notAfter: to,
    ca: true,
  });
  const people = [
    ['Anna Ordförande', 'Ordförande'],
    ['Bo Justerare', 'Justerare'],
    ['Cecilia Justerare', 'Justerare'],
  ].map(([name, role]) => {
    const certificate = issueCertificate({
      commonName: name,
      organisation,
      notBefore: from,
      notAfter: to,
      ca: false,
      issuer: ca,
    });
    return {
      role,
      identity: { certificate: certificate.certificate, privateKey: certificate.privateKey, chain: [ca.certificate] },
    };
  });
  // the frozen document, as the protocol is sent for justering
  const frozen = withCompactRelationships(await packDocx(syntheticProtocolDocument(syntheticParagraphs(200))));
  const comment = 'Justerar protokoll Benchsamrådet 2017-03-14 §§ 1–200';
  const sign = (bytes: Uint8Array, n: number) =>
    signPackage(bytes, people[n].identity, now, { role: people[n].role, commitment: 'approval', comment });
  const coSign = () => [0, 1, 2].reduce((bytes, n) => sign(bytes, n), frozen);
  const runs = 5;
  const trusted = [ca.certificate];
  const one = sign(frozen, 0);
  const three = coSign();
  const report = verifyPackage(three, { trusted }); // warm up, and the figures are of a package that holds
  if (report.verdict !== 'trusted' || report.signatures.length !== 3)
    throw new Error(
      `co-signed bench package does not verify: ${report.verdict}, ${report.signatures.length} signatures`,
    );
  const signOne = await median(runs, async () => sign(frozen, 0));
  const signThree = await median(runs, async () => coSign());
  const verifyOne = await median(runs, async () => verifyPackage(one, { trusted }));
  const verifyThree = await median(runs, async () => verifyPackage(three, { trusted }));
  console.log('\nCo-signing, 200-§ protocol by chair and two justerare (median of 5):');
  console.log(
    `  sign: one signature ${signOne.toFixed(1)} ms; three co-signatures (sig1–sig3) ${signThree.toFixed(1)} ms`,
  );
  console.log(
    `  verify: one signature ${verifyOne.toFixed(1)} ms; three signatures ${verifyThree.toFixed(1)} ms (${(three.length / 1024).toFixed(0)} KiB)`,
  );
}
