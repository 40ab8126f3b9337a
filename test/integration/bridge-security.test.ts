import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, startBridge, type Bridge } from '../../electron/bridge/server';
import { testBackend, type TestBackend } from '../support/backend';

/**
 * The loopback bridge as an attacker on this machine (another local process, or a web page
 * in the user's browser) would meet it: a real backend behind it, requests made by hand so
 * every header is ours to choose.
 */
let backend: TestBackend;
let bridge: Bridge;
let staticDir: string;
const logged: string[] = [];
const SECRET = `secret-${process.pid}-outside-the-static-folder`;

beforeAll(async () => {
  backend = await testBackend();
  staticDir = path.join(backend.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Samråd</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(backend.dir, 'secret.txt'), SECRET);
  bridge = await startBridge({
    dispatch: backend.dispatch,
    events: backend.events,
    staticDir,
    log: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await bridge.close();
  backend.cleanup();
});
beforeEach(() => void logged.splice(0));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const host = () => `127.0.0.1:${bridge.port}`;
const origin = () => `http://${host()}`;

function call(overrides: { token?: string | null; origin?: string | null; host?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', host: overrides.host ?? host() };
  const token = overrides.token === undefined ? bridge.token : overrides.token;
  const from = overrides.origin === undefined ? origin() : overrides.origin;
  if (token !== null) headers['x-samrad-token'] = token;
  if (from !== null) headers.origin = from;
  return request({
    method: 'POST',
    path: '/api/call',
    headers,
    body: JSON.stringify({
      method: 'organisations.create',
      input: { name: 'Ängby räddningstjänst', kind: 'raddningstjanst' },
    }),
  });
}

async function organisationCount(): Promise<number> {
  return (await backend.call('organisations.list', { includeArchived: true })).total;
}

describe('bridge security', () => {
  it('accepts a call with the right token, Origin and Host', async () => {
    const reply = await call();
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Ängby räddningstjänst' } });
    expect(logged).toEqual([]);
  });

  it.each([
    ['a wrong token', { token: 'x'.repeat(43) }, 'wrong or missing token'],
    ['a token of another length', { token: 'short' }, 'wrong or missing token'],
    ['no token', { token: null }, 'wrong or missing token'],
    ['a foreign Origin', { origin: 'http://evil.example' }, 'wrong Origin'],
    ['an Origin on another loopback port', { origin: 'http://127.0.0.1:1' }, 'wrong Origin'],
    ['no Origin on a POST', { origin: null }, 'wrong Origin'],
    ['a foreign Host (DNS rebinding)', { host: 'evil.example:PORT' }, 'wrong Host'],
    ['localhost instead of 127.0.0.1', { host: 'localhost:PORT' }, 'wrong Host'],
  ] as const)('refuses %s with 403, logs it and changes nothing', async (_what, overrides, reason) => {
    const before = await organisationCount();
    const reply = await call({
      ...overrides,
      ...('host' in overrides ? { host: overrides.host.replace('PORT', String(bridge.port)) } : {}),
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: reason } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('refused POST /api/call');
    expect(logged[0]).toContain(reason);
    expect(await organisationCount()).toBe(before);
  });

  it('refuses the event stream without the token, and with a foreign Origin', async () => {
    const noToken = await request({ path: '/api/events', headers: { host: host() } });
    const wrongToken = await request({ path: '/api/events?token=nope', headers: { host: host() } });
    const crossSite = await request({
      path: `/api/events?token=${bridge.token}`,
      headers: { host: host(), origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect([noToken.status, wrongToken.status, crossSite.status]).toEqual([403, 403, 403]);
    expect(logged).toHaveLength(3);
  });

  it('refuses a static request under a foreign Host too', async () => {
    const reply = await request({ path: '/', headers: { host: 'evil.example' } });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('Samråd');
    expect(logged[0]).toContain('wrong Host');
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    const others = [
      '::1',
      ...Object.values(os.networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal)
        .map((a) => a!.address),
    ];
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: bridge.port, timeout: 2000 });
        socket.on('connect', () => (socket.destroy(), resolve(false)));
        socket.on('error', () => resolve(true));
        socket.on('timeout', () => (socket.destroy(), resolve(true)));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/../package.json',
    '/%2e%2e/%2e%2e/%2e%2e/package.json',
  ])('never serves a file outside the static folder: %s', async (pathname) => {
    const reply = await request({ path: pathname, headers: { host: host() } });
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('"name": "samrad"');
    // either refused, or the app's own page (unknown paths fall back to index.html)
    if (reply.status === 200) expect(reply.body).toContain('<title>Samråd</title>');
    else expect(reply.status).toBe(404);
  });

  it('serves HTML with the strict content security policy', async () => {
    const reply = await request({ path: '/', headers: { host: host() } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const script = await request({ path: '/assets/app.js', headers: { host: host() } });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });
});
