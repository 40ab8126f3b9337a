import { Document, Paragraph, TextRun } from 'docx';
import { packDocx } from '../../electron/backend/export/pack';
import { issueCertificate, type IssuedCertificate } from '../../electron/backend/signing/certificates/issue';
import { signPackage, withCompactRelationships } from '../../electron/backend/signing/opc/sign-package';

export interface CoSigner {
  name: string;
  role: string;
  certificate: IssuedCertificate;
}

export interface CoSignedPackage {
  ca: IssuedCertificate;
  signers: CoSigner[];
  /** the document before anyone signed it */
  unsigned: Uint8Array;
  /** after each signature in turn: `stages[0]` carries sig1, `stages[2]` sig1–sig3 */
  stages: Uint8Array[];
  comment: string;
}

/**
 * A protocol attested by its chair and two justerare, each with their own certificate from one
 * CA, each adding their own package signature to the same document (sig1–sig3), as Samråd's
 * co-signing does. For tests of any verifier (Samråd's, xmlsec1, LibreOffice).
 */
export async function coSignedProtocol(
  now: Date,
  people: { name: string; role: string }[] = [
    { name: 'Anna Ordförande', role: 'Ordförande' },
    { name: 'Bo Justerare', role: 'Justerare' },
    { name: 'Cecilia Justerare', role: 'Justerare' },
  ],
): Promise<CoSignedPackage> {
  const from = new Date(now.getTime() - 30 * 86400e3);
  const to = new Date(now.getTime() + 365 * 86400e3);
  const organisation = 'Södertälje kommun';
  const ca = issueCertificate({
    commonName: `${organisation} test-CA`,
    organisation,
    notBefore: from,
    notAfter: to,
    ca: true,
  });
  const signers = people.map((p) => ({
    ...p,
    certificate: issueCertificate({
      commonName: p.name,
      organisation,
      notBefore: from,
      notAfter: to,
      ca: false,
      issuer: ca,
    }),
  }));
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Protokoll Chefssamrådet 2017-03-14', bold: true })] }),
          new Paragraph({ children: [new TextRun('§ 1 Chefssamrådet beslutar att godkänna dagordningen.')] }),
        ],
      },
    ],
  });
  const unsigned = withCompactRelationships(await packDocx(document));
  const comment = 'Justerar protokoll Chefssamrådet 2017-03-14 §§ 1–10';
  const stages: Uint8Array[] = [];
  let current = unsigned;
  for (const [i, s] of signers.entries()) {
    current = signPackage(
      current,
      { certificate: s.certificate.certificate, privateKey: s.certificate.privateKey, chain: [ca.certificate] },
      new Date(now.getTime() + i * 60_000),
      { role: s.role, commitment: 'approval', comment },
    );
    stages.push(current);
  }
  return { ca, signers, unsigned, stages, comment };
}
