import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LibreOfficeSignature {
  signer: string | null;
  /** UNO DocumentSignatureInformation.SignatureIsValid */
  valid: boolean;
  /** UNO CertificateStatus (0 = trusted) */
  certificateStatus: number;
}

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Why LibreOffice's signature check cannot run here, or null when it can (soffice and python3-uno). */
export function libreOfficeMissing(): string | null {
  if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status !== 0)
    return 'LibreOffice (soffice) is not installed';
  if (spawnSync(PYTHON, ['-c', 'import uno'], { encoding: 'utf8' }).status !== 0)
    return 'python3-uno (LibreOffice’s Python bridge) is not installed';
  return null;
}

/**
 * LibreOffice's own verdict on each package signature of a .docx, through UNO
 * (DocumentDigitalSignatures.verifyDocumentContentSignatures on the OOXML storage), in a
 * headless LibreOffice with its own profile.
 */
export function libreOfficeSignatures(docx: Uint8Array): LibreOfficeSignature[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-lo-sig-'));
  try {
    const file = path.join(dir, 'document.docx');
    fs.writeFileSync(file, docx);
    const run = spawnSync(
      PYTHON,
      [path.join(__dirname, 'libreoffice-signatures.py'), file, path.join(dir, 'profile')],
      {
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    if (run.status !== 0) throw new Error(`LibreOffice signature check failed: ${run.stderr || run.stdout}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as LibreOfficeSignature[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
