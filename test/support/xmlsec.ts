import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { expect } from 'vitest';

export interface XmlsecResult {
  /** xmlsec1 printed OK and every SignedInfo and manifest reference held */
  valid: boolean;
  printedOk: boolean;
  signedInfo: { ok: number; all: number } | null;
  manifests: { ok: number; all: number } | null;
  output: string;
}

function ratio(output: string, label: string): { ok: number; all: number } | null {
  const match = new RegExp(`${label} References \\(ok/all\\): (\\d+)/(\\d+)`).exec(output);
  return match ? { ok: Number(match[1]), all: Number(match[2]) } : null;
}

/**
 * Independent check of a .docx package signature with xmlsec1 (Debian). Each manifest URI
 * is mapped to its part with --url-map; a removed part maps to a file that does not exist.
 * xmlsec1 exits 0 even when manifest references fail, so the "References (ok/all)" lines
 * decide, not the exit code.
 */
export function xmlsecVerify(
  docx: Uint8Array,
  trustedPem: string,
  at: Date,
  signaturePart = '_xmlsignatures/sig1.xml',
): XmlsecResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-xmlsec-'));
  try {
    const parts = unzipSync(docx);
    for (const [name, data] of Object.entries(parts)) {
      const file = path.join(dir, 'pkg', name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    fs.writeFileSync(path.join(dir, 'trusted.pem'), trustedPem);
    const signature = fs.readFileSync(path.join(dir, 'pkg', signaturePart), 'utf8');
    const maps: string[] = [];
    for (const match of signature.matchAll(/URI="(\/[^"]+)"/g)) {
      const uri = match[1].replace(/&amp;/g, '&');
      maps.push(`--url-map:${uri}`, path.join(dir, 'pkg', decodeURIComponent(uri.split('?')[0])));
    }
    const time = at.toISOString().slice(0, 19).replace('T', ' ');
    const run = spawnSync(
      'xmlsec1',
      [
        '--verify',
        '--trusted-pem',
        path.join(dir, 'trusted.pem'),
        '--verification-time',
        time,
        '--id-attr:Id',
        'http://www.w3.org/2000/09/xmldsig#:Object',
        '--id-attr:Id',
        'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
        '--print-debug',
        ...maps,
        path.join(dir, 'pkg', signaturePart),
      ],
      { encoding: 'utf8' },
    );
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
    const signedInfo = ratio(output, 'SignedInfo');
    const manifests = ratio(output, 'Manifests');
    const printedOk = /^OK$/m.test(output);
    const full = (r: { ok: number; all: number } | null) => r !== null && r.all > 0 && r.ok === r.all;
    return { valid: printedOk && full(signedInfo) && full(manifests), printedOk, signedInfo, manifests, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each signature part of `docx` holds in xmlsec1 against its own trust anchor (PEM). */
export function expectXmlsecAccepts(
  docx: Uint8Array,
  signatures: Array<[part: string, trustedPem: string]>,
  at = new Date(),
): void {
  for (const [part, trusted] of signatures) {
    const result = xmlsecVerify(docx, trusted, at, part);
    expect(result.valid, `${part}: ${result.output}`).toBe(true);
  }
}

/** The package parts a signature adds to or extends; every other part must stay byte for byte. */
const signingTouches = (part: string) => part === '[Content_Types].xml' || part === '_rels/.rels';

/** Every part of `before` is in `after` byte for byte, but those signing touches (and those `alsoChanged` names). */
export function expectPartsKept(
  before: Uint8Array,
  after: Uint8Array,
  alsoChanged: (part: string) => boolean = () => false,
): void {
  const was = unzipSync(before);
  const is = unzipSync(after);
  for (const part of Object.keys(was).filter((p) => !signingTouches(p) && !alsoChanged(p)))
    expect(Buffer.from(is[part]).equals(Buffer.from(was[part])), part).toBe(true);
}
