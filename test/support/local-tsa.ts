import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** How the test TSA answers: a real RFC 3161 reply, or one of the ways a service fails. */
export type TsaBehaviour = 'ok' | 'garbage' | 'http-error' | 'silent' | 'refuse';

export interface LocalTsa {
  url: string;
  /** the root the TSA certificate chains to (PEM) */
  rootPem: string;
  root: crypto.X509Certificate;
  tsaCertificatePem: string;
  dir: string;
  behaviour: TsaBehaviour;
  requests: number;
  close(): Promise<void>;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

/**
 * A time-stamping authority on 127.0.0.1 for tests: a root CA and a TSA certificate with
 * extendedKeyUsage=critical,timeStamping made by openssl, and an HTTP server that answers each
 * query with `openssl ts -reply`. `behaviour` can be switched to make it fail in each way.
 */
export async function startLocalTsa(behaviour: TsaBehaviour = 'ok'): Promise<LocalTsa> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-tsa-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'root.key',
      '-out',
      'root.crt',
      '-days',
      '30',
      '-subj',
      '/C=SE/O=Test/CN=Test TSA Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'tsa.key',
      '-out',
      'tsa.csr',
      '-subj',
      '/C=SE/O=Test/CN=Test TSA',
    ],
    dir,
  );
  fs.writeFileSync(
    path.join(dir, 'tsa-ext.cnf'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'root.crt',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-out',
      'tsa.crt',
      '-days',
      '30',
      '-extfile',
      'tsa-ext.cnf',
    ],
    dir,
  );
  fs.writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  fs.writeFileSync(
    path.join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'signer_cert = $dir/tsa.crt',
      'certs = $dir/root.crt',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  const rootPem = fs.readFileSync(path.join(dir, 'root.crt'), 'utf8');
  let counter = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      tsa.requests++;
      if (tsa.behaviour === 'silent') return; // holds the connection until the client gives up
      if (tsa.behaviour === 'http-error') return void response.writeHead(500).end('internal error');
      if (tsa.behaviour === 'garbage')
        return void response
          .writeHead(200, { 'Content-Type': 'application/timestamp-reply' })
          .end('<html>not a timestamp</html>');
      const n = ++counter;
      fs.writeFileSync(path.join(dir, `q${n}.tsq`), Buffer.concat(chunks));
      execFile(
        'openssl',
        ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', `q${n}.tsq`, '-out', `r${n}.tsr`],
        { cwd: dir },
        (error) => {
          if (error) return void response.writeHead(500).end(String(error));
          response
            .writeHead(200, { 'Content-Type': 'application/timestamp-reply' })
            .end(fs.readFileSync(path.join(dir, `r${n}.tsr`)));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    rootPem,
    root: new crypto.X509Certificate(rootPem),
    tsaCertificatePem: fs.readFileSync(path.join(dir, 'tsa.crt'), 'utf8'),
    dir,
    behaviour,
    requests: 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return tsa;
}

/** A loopback URL where nothing listens: a TSA that is down. */
export async function deadTsaUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsa`;
}

/** `openssl ts -verify` of a token over `data`, trusting the TSA's root: the independent check. */
export function opensslVerifiesToken(
  tsa: LocalTsa,
  token: Uint8Array,
  data: Uint8Array,
): { ok: boolean; output: string } {
  const tokenFile = path.join(tsa.dir, `check-${crypto.randomUUID()}.der`);
  const dataFile = `${tokenFile}.data`;
  fs.writeFileSync(tokenFile, token);
  fs.writeFileSync(dataFile, data);
  try {
    const out = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        tokenFile,
        '-data',
        dataFile,
        '-CAfile',
        'root.crt',
        '-untrusted',
        'tsa.crt',
      ],
      { cwd: tsa.dir, stdio: 'pipe', encoding: 'utf8' },
    );
    return { ok: /Verification: OK/.test(out), output: out };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
