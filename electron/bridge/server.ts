import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import type { Dispatch } from '../backend/dispatcher';

export interface BridgeOptions {
  dispatch: Dispatch;
  /** backend events, relayed to the page as server-sent events */
  events?: EventEmitter;
  /** the built renderer to serve; omit to serve the API only */
  staticDir?: string;
  port?: number;
  /** fixed token for tests; otherwise 32 random bytes */
  token?: string;
  log?: (line: string) => void;
}

export interface Bridge {
  url: string;
  /** the URL a person opens: carries the token in the fragment, which is never sent to the server */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets style attributes at run time
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Loopback HTTP transport for the contract: the same dispatcher as IPC, reachable only from
 * this machine, only with the token, only from the page it serves (Origin) and only under its
 * own address (Host, against DNS rebinding).
 */
export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const log = options.log ?? ((line: string) => console.error(line));
  let expectedHost = '';
  let expectedOrigin = '';

  const refuse = (req: http.IncomingMessage, res: http.ServerResponse, why: string) => {
    log(`[bridge] refused ${req.method} ${req.url?.split('?')[0]} from ${req.socket.remoteAddress}: ${why}`);
    res
      .writeHead(403, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: why } }));
  };

  // Every request is answered inside one guard: a malformed URL, a body that is not an object,
  // an upload aborted midway or a file that vanishes while read end that request (400/500, or
  // a closed socket), never the process. Before this, any web page could stop the bridge with
  // an <img> pointing at a badly escaped URL.
  const server = http.createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      log(
        `[bridge] ${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent && !res.destroyed)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'The request failed' } }));
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    // a malformed request line or headers: answer 400 if the socket still can, never throw
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (req.headers.host !== expectedHost) return refuse(req, res, 'wrong Host');
    const url = new URL(req.url ?? '/', expectedOrigin);

    if (url.pathname.startsWith('/api/')) {
      // Browsers send Origin on every POST; a same-origin EventSource GET carries none, so
      // there the fetch metadata must say same-origin instead.
      const origin = req.headers.origin;
      const sameOriginGet =
        req.method === 'GET' &&
        origin === undefined &&
        (req.headers['sec-fetch-site'] ?? 'same-origin') === 'same-origin';
      if (origin !== expectedOrigin && !sameOriginGet) return refuse(req, res, 'wrong Origin');
      const presented = url.pathname === '/api/events' ? url.searchParams.get('token') : req.headers['x-samrad-token'];
      if (typeof presented !== 'string' || !safeEqual(presented, token))
        return refuse(req, res, 'wrong or missing token');
      if (url.pathname === '/api/call' && req.method === 'POST') return handleCall(req, res);
      if (url.pathname === '/api/events' && req.method === 'GET') return handleEvents(req, res);
      return void res.writeHead(404).end();
    }
    if (req.method !== 'GET' || !options.staticDir) return void res.writeHead(404).end();
    serveStatic(options.staticDir, url.pathname, res);
  }

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return void res.writeHead(415).end();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) {
          res
            .writeHead(413, { 'content-type': 'application/json', connection: 'close' })
            .end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'The request is too large' } }));
          req.destroy();
          return;
        }
        chunks.push(chunk as Buffer);
      }
    } catch {
      // the sender went away midway (a tab closed during an upload): nobody is left to answer
      return void res.destroy();
    }
    if (!req.complete) return void res.destroy();
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return void badRequest(res, 'Body is not JSON');
    }
    // null, a number, an array: JSON, but not a call
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return void badRequest(res, 'Body must be an object { method, input }');
    const call = body as { method?: unknown; input?: unknown };
    if (typeof call.method !== 'string') return void badRequest(res, 'method must be a string');
    const result = await options.dispatch(call.method, call.input);
    if (res.destroyed) return;
    res
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(JSON.stringify(result));
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const forward = (event: string, payload: unknown) => res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    options.events?.on('event', forward);
    req.on('close', () => options.events?.off('event', forward));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      expectedHost = `127.0.0.1:${port}`;
      expectedOrigin = `http://${expectedHost}`;
      resolve({
        url: `${expectedOrigin}/`,
        openUrl: `${expectedOrigin}/#token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function badRequest(res: http.ServerResponse, message: string): void {
  res
    .writeHead(400, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message } }));
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const base = path.resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // %E0%A4%A and the like: not a path to any file we serve
    return void res.writeHead(400).end();
  }
  if (decoded.includes('\0')) return void res.writeHead(400).end();
  let file = path.resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) return void res.writeHead(404).end();
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(base, 'index.html');
  if (!fs.existsSync(file)) return void res.writeHead(404).end('The renderer is not built: run npm run build:web');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['cache-control'] = 'no-store';
  }
  const stream = fs.createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, headers);
    stream.pipe(res);
  });
  // removed or unreadable between the check and the read (a rebuild in progress)
  stream.once('error', () => (res.headersSent ? res.destroy() : res.writeHead(404).end()));
}
