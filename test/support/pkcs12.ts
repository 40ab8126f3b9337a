import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { IssuedCertificate } from '../../electron/backend/signing/certificates/issue';

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/**
 * A person's PKCS#12 file made by OpenSSL alone (key, request, certificate from a CA that
 * OpenSSL makes too), as an e-service certificate exported to a file would be. Returns the
 * file and the CA certificate (PEM) that issued it. Encrypted as OpenSSL 3 does by default
 * (PBES2: AES-256 with PBKDF2), or with `pbe: 'PBE-SHA1-3DES'` as older tools and Windows do.
 */
export function opensslPkcs12(
  dir: string,
  options: { name: string; organisation: string; password: string; file?: string; pbe?: 'PBE-SHA1-3DES' },
): { file: string; bytes: Buffer; caPem: string; certificatePem: string } {
  const base = options.file ?? 'person';
  openssl(dir, 'genrsa', '-out', `${base}-ca.key`, '2048');
  openssl(
    dir,
    'req',
    '-x509',
    '-new',
    '-utf8',
    '-key',
    `${base}-ca.key`,
    '-subj',
    `/C=SE/O=${options.organisation}/CN=${options.organisation} e-tjänst-CA`,
    '-days',
    '3650',
    '-out',
    `${base}-ca.pem`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(dir, 'genrsa', '-out', `${base}.key`, '2048');
  openssl(
    dir,
    'req',
    '-new',
    '-utf8',
    '-key',
    `${base}.key`,
    '-subj',
    `/C=SE/O=${options.organisation}/CN=${options.name}`,
    '-out',
    `${base}.csr`,
  );
  fs.writeFileSync(
    path.join(dir, `${base}.ext`),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
  );
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-CA',
    `${base}-ca.pem`,
    '-CAkey',
    `${base}-ca.key`,
    '-CAcreateserial',
    '-days',
    '365',
    '-extfile',
    `${base}.ext`,
    '-out',
    `${base}.pem`,
  );
  openssl(
    dir,
    'pkcs12',
    '-export',
    '-inkey',
    `${base}.key`,
    '-in',
    `${base}.pem`,
    '-certfile',
    `${base}-ca.pem`,
    ...(options.pbe ? ['-keypbe', options.pbe, '-certpbe', options.pbe, '-macalg', 'sha1'] : []),
    '-passout',
    `pass:${options.password}`,
    '-out',
    `${base}.p12`,
  );
  const file = path.join(dir, `${base}.p12`);
  return {
    file,
    bytes: fs.readFileSync(file),
    caPem: fs.readFileSync(path.join(dir, `${base}-ca.pem`), 'utf8'),
    certificatePem: fs.readFileSync(path.join(dir, `${base}.pem`), 'utf8'),
  };
}

/** A PKCS#12 file of a certificate issued in the test (any validity period); `withKey: false` leaves the key out. */
export function pkcs12Of(
  dir: string,
  issued: IssuedCertificate,
  password: string,
  options: { name?: string; withKey?: boolean } = {},
): Buffer {
  const base = options.name ?? 'issued';
  fs.writeFileSync(path.join(dir, `${base}.pem`), issued.certificate.toString());
  fs.writeFileSync(path.join(dir, `${base}.key`), issued.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  openssl(
    dir,
    'pkcs12',
    '-export',
    ...(options.withKey === false ? ['-nokeys'] : ['-inkey', `${base}.key`]),
    '-in',
    `${base}.pem`,
    '-passout',
    `pass:${password}`,
    '-out',
    `${base}.p12`,
  );
  return fs.readFileSync(path.join(dir, `${base}.p12`));
}
