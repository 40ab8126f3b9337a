import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend } from '../backend/backend';
import type { FromBackend, ToBackend } from '../backend/host/messages';
import { createPortServer } from '../backend/host/port-server';
import { createBackendClient } from './backend-client';

/**
 * The desktop transport without Electron: the main-process client and the utility-process
 * server joined by an in-memory channel that, like a real message port, delivers later and
 * copies every message (structuredClone), over a real database file.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function connect() {
  const events: Array<[string, unknown]> = [];
  const toMain: FromBackend[] = [];
  let client!: ReturnType<typeof createBackendClient>;
  const server = createPortServer({
    start: (file, options) => startBackend(file, { ...options, osUserName: 'testare' }),
    reply: {
      postMessage: (message) =>
        setImmediate(() => {
          toMain.push(message);
          client.receive(structuredClone(message));
        }),
    },
  });
  client = createBackendClient(
    { postMessage: (message: ToBackend) => setImmediate(() => void server.handle(structuredClone(message))) },
    (event, payload) => events.push([event, payload]),
  );
  return { client, server, events, toMain };
}

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-ipc-'));
  dirs.push(dir);
  return path.join(dir, 'samrad.sqlite');
}

describe('desktop transport (main ↔ backend utility process)', () => {
  it('starts the backend, answers calls by id and forwards backend events', async () => {
    const dbPath = tempDb();
    const { client, server, events } = connect();
    // a call sent before `start` has been answered waits for the database instead of failing
    const early = client.invoke('session.get', {});
    server.handle({ type: 'start', dbPath });
    await client.ready;
    const session = await early;
    expect(session).toMatchObject({ ok: true, value: { databasePath: dbPath, language: 'sv' } });

    // several calls in flight at once each get their own answer
    const [created, invalid, unknown] = await Promise.all([
      client.invoke('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' }),
      client.invoke('organisations.create', { name: '', kind: 'kommun' }),
      client.invoke('no.such.method', {}),
    ]);
    expect(created).toMatchObject({ ok: true, value: { name: 'Södertälje kommun' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { name: 'required' } } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(events.some(([event]) => event === 'data.changed')).toBe(true);
    server.close();
  });

  it('reports a database it cannot open as a failed start, with the backend’s reason', async () => {
    const dbPath = tempDb();
    fs.writeFileSync(dbPath, 'this is not a database, it is a text file long enough to have a header............');
    const { client, server } = connect();
    server.handle({ type: 'start', dbPath });
    await expect(client.ready).rejects.toMatchObject({
      code: 'NOT_A_DATABASE',
      message: expect.stringMatching(/is not an SQLite database/),
    });
    expect(await client.invoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers every waiting call when the backend process is lost, and later ones at once', async () => {
    const sent: ToBackend[] = [];
    const client = createBackendClient({ postMessage: (message) => sent.push(message) }, () => undefined);
    const waiting = client.invoke('session.get', {});
    expect(sent).toEqual([{ type: 'call', id: 1, method: 'session.get', input: {} }]);
    client.lost('The Samråd backend stopped (exit code 9)');
    expect(await waiting).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The Samråd backend stopped (exit code 9)' },
    });
    expect(await client.invoke('session.get', {})).toMatchObject({ ok: false });
    await expect(client.ready).rejects.toThrow(/exit code 9/);
  });
});
