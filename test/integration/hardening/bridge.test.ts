import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInBrowser } from '../../../electron/bridge/launcher';
import { tempDbPath } from '../../support/backend';

/**
 * The browser-mode server as its own process (electron/bridge/serve.ts, as `npm start` runs it),
 * attacked the way a web page or a closed tab would: the test passes only if the process is
 * still there and still answering afterwards.
 */
const ROOT = path.resolve(__dirname, '../../..');
const TOKEN = `t-${process.pid}-${Date.now()}-abcdefghijklmnopqrstuvwxyz`;
let tmp: ReturnType<typeof tempDbPath>;
let child: ChildProcess;
let port = 0;
let exited: number | null | undefined;
let output = '';

beforeAll(async () => {
  tmp = tempDbPath();
  const staticDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Samråd</title>');
  child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['electron/bridge/serve.ts', '--db', tmp.file, '--static', staticDir],
    {
      cwd: ROOT,
      // the token by environment, never argv (case 10)
      env: { ...process.env, SAMRAD_BRIDGE_TOKEN: TOKEN, SAMRAD_DATA_DIR: tmp.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.on('exit', (code) => (exited = code));
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (!/browser mode: http:\/\/127\.0\.0\.1:(\d+)/.test(output)) {
    if (exited !== undefined || Date.now() - started > 60_000) throw new Error(`serve.ts did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  port = Number(/127\.0\.0\.1:(\d+)/.exec(output)![1]);
}, 90_000);

afterAll(() => {
  child?.kill('SIGTERM');
  tmp?.cleanup();
});

function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const apiHeaders = () => ({
  'content-type': 'application/json',
  'x-samrad-token': TOKEN,
  origin: `http://127.0.0.1:${port}`,
});
const call = (body: string) => request({ method: 'POST', path: '/api/call', headers: apiHeaders(), body });

async function stillServing(): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  expect(exited, output).toBeUndefined();
  const reply = await call(JSON.stringify({ method: 'organisations.list', input: {} }));
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
}

describe('the browser-mode server survives hostile requests (issue 13, cases 1 and 3)', () => {
  it('a badly escaped URL (what an <img> on any web page can request) is a 400, not a crash', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%C0%AF', '/%00']) {
      expect((await request({ path: bad })).status, bad).toBe(400);
    }
    await stillServing();
  });

  it('a body of null, a string, an array or a call without a method name is a 400', async () => {
    for (const body of ['null', '"organisations.list"', '[]', '{"method":5}', '{}', '12']) {
      const reply = await call(body);
      expect(reply.status, body).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await stillServing();
  });

  it('an upload aborted midway (a tab closed while sending a file) ends that request only', async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /api/call HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\norigin: http://127.0.0.1:${port}\r\nx-samrad-token: ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 10000000\r\n\r\n{"method":"certificates.importPkcs12","input":{"fileBase64":"${'A'.repeat(200_000)}`,
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
        socket.on('error', () => resolve());
      });
    }
    // and a request line that is not HTTP at all
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      const socket = net.connect(port, '127.0.0.1', () => socket.write('\u0000\u0001 nonsense\r\n\r\n'));
      socket.on('data', (d) => (got += d));
      socket.on('end', () => resolve(got));
      socket.on('error', () => resolve(got));
      setTimeout(() => {
        socket.destroy();
        resolve(got);
      }, 3_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400|^$/);
    await stillServing();
  });
});

describe('the bridge token never appears on a command line (issue 13, case 10)', () => {
  it('the server is given its token by environment: its argv does not hold it', () => {
    if (process.platform !== 'linux')
      return void console.log('[bridge.test] /proc is Linux only: argv not inspected here');
    // tsx starts node as a child of its own; check every process of the tree
    const pids = [child.pid!, ...descendants(child.pid!)];
    for (const pid of pids) {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      expect(argv).not.toContain(TOKEN);
    }
  });

  it('there is no --token option any more: it is refused rather than quietly taken from argv', async () => {
    const run = spawn(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['electron/bridge/serve.ts', '--db', tmp.file, '--token', 'in-argv'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    run.stderr!.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/Unknown option '--token'/);
  });

  it('opening the browser hands it a private file, not the address with the token', () => {
    const seen: string[][] = [];
    const envs: NodeJS.ProcessEnv[] = [];
    const fake = ((command: string, args: string[], options: { env: NodeJS.ProcessEnv }) => {
      seen.push([command, ...args]);
      envs.push(options.env);
      return { on: () => undefined, unref: () => undefined };
    }) as never;
    const url = `http://127.0.0.1:4711/#token=${TOKEN}`;
    process.env.SAMRAD_BRIDGE_TOKEN = TOKEN;
    try {
      const launcher = openInBrowser(url, fake);
      expect(seen.flat().join(' ')).not.toContain(TOKEN);
      expect(seen[0]).toContain(launcher.file);
      expect(envs[0].SAMRAD_BRIDGE_TOKEN).toBeUndefined();
      expect(fs.statSync(launcher.file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(launcher.file)).mode & 0o777).toBe(0o700);
      expect(fs.readFileSync(launcher.file, 'utf8')).toContain(`location.replace(${JSON.stringify(url)})`);
      launcher.remove();
      expect(fs.existsSync(launcher.file)).toBe(false);
    } finally {
      delete process.env.SAMRAD_BRIDGE_TOKEN;
    }
  });
});

function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
}

describe('the terminal that started browser mode goes away', () => {
  it('keeps serving, and a log line into the closed pipe does not spin the process (it once ran at 100 % CPU)', async () => {
    const db = tempDbPath();
    const staticDir = path.join(db.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Samråd</title>');
    // node itself (tsx as a loader), so the pid measured is the server's
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/bridge/serve.ts', '--db', db.file, '--static', staticDir],
      {
        cwd: ROOT,
        env: { ...process.env, SAMRAD_BRIDGE_TOKEN: TOKEN, SAMRAD_DATA_DIR: db.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let text = '';
      server.stdout!.on('data', (chunk) => (text += chunk));
      const started = Date.now();
      while (!/127\.0\.0\.1:(\d+)/.test(text)) {
        if (server.exitCode !== null || Date.now() - started > 60_000)
          throw new Error(`serve.ts did not start:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const serverPort = Number(/127\.0\.0\.1:(\d+)/.exec(text)![1]);
      // the reading end closes, as when the terminal window is closed
      server.stdout!.destroy();
      server.stderr!.destroy();
      const forbidden = () =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port: serverPort,
              method: 'POST',
              path: '/api/call',
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end('{"method":"session.get"}');
        });
      expect(await forbidden()).toBe(403); // refused, and logged into the closed pipe
      const before = cpuSeconds(server.pid!);
      await new Promise((r) => setTimeout(r, 3_000));
      // spinning would burn close to the whole 3 s; an idle server uses next to nothing
      expect(cpuSeconds(server.pid!) - before).toBeLessThan(1);
      expect(await forbidden()).toBe(403);
      expect(server.exitCode).toBeNull();
    } finally {
      server.kill('SIGKILL');
      db.cleanup();
    }
  }, 90_000);
});
