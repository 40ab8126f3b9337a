import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { FromBackend, ToBackend } from '../backend/host/messages';
import { superviseBackend, type BackendChild } from './backend-supervisor';

/**
 * The restart logic of the desktop backend process, with fake processes (Electron cannot run
 * here): each fake answers calls like a backend, and can be made to die mid-call.
 */
class FakeChild extends EventEmitter implements BackendChild {
  received: ToBackend[] = [];
  /** calls it will never answer (it dies first) */
  hang = new Set<string>();
  killed = false;
  constructor(private readonly failStart = false) {
    super();
  }
  postMessage(message: ToBackend): void {
    this.received.push(message);
    setImmediate(() => {
      if (message.type === 'start')
        return this.reply(
          this.failStart ? { type: 'fatal', code: 'DATABASE_CORRUPT', message: 'no' } : { type: 'ready' },
        );
      if (this.hang.has(message.method)) return;
      this.reply({
        type: 'result',
        id: message.id,
        result: { ok: true, value: { method: message.method, input: message.input, pid: children.indexOf(this) } },
      });
    });
  }
  reply(message: FromBackend): void {
    this.emit('message', message);
  }
  die(code = 1): void {
    this.emit('exit', code);
  }
  kill(): void {
    this.killed = true;
    this.die(0);
  }
}

let children: FakeChild[] = [];

function supervised(options: { failStart?: boolean; maxRestarts?: number } = {}) {
  children = [];
  const restarted: Array<{ restarts: number; exitCode: number }> = [];
  const gaveUp: string[] = [];
  let clock = 0;
  const backend = superviseBackend({
    fork: () => {
      const child = new FakeChild(options.failStart && children.length === 0);
      children.push(child);
      return child;
    },
    start: { type: 'start', dbPath: '/data/samrad.sqlite' },
    onEvent: () => undefined,
    onRestarted: (info) => restarted.push(info),
    onGaveUp: (reason) => gaveUp.push(reason),
    maxRestarts: options.maxRestarts ?? 5,
    delayMs: () => 5,
    now: () => (clock += 1000),
  });
  return { backend, restarted, gaveUp };
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('the backend process is restarted when it dies (issue 13: desktop main process)', () => {
  it('a call in flight when it dies is answered BACKEND_RESTARTED; a new process starts on the same database and answers the next calls', async () => {
    const { backend, restarted } = supervised();
    await backend.ready;
    expect((await backend.invoke('people.list', {})) as unknown).toMatchObject({ ok: true, value: { pid: 0 } });

    children[0].hang.add('agreements.sections.update');
    const inFlight = backend.invoke('agreements.sections.update', { id: 1 });
    await new Promise((r) => setImmediate(r));
    children[0].die(139);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } });

    // a call made while the new process starts waits for it instead of failing
    const during = backend.invoke('people.list', {});
    await until(() => restarted.length === 1);
    expect(await during).toMatchObject({ ok: true, value: { pid: 1 } });
    expect(restarted).toEqual([{ restarts: 1, exitCode: 139 }]);
    expect(children).toHaveLength(2);
    expect(children[1].received[0]).toEqual({ type: 'start', dbPath: '/data/samrad.sqlite' });
    expect(backend.restarts).toBe(1);
  });

  it('the text an autosave was sending when it died can be re-sent as soon as the new process is up', async () => {
    const { backend, restarted } = supervised();
    await backend.ready;
    children[0].hang.add('protocol.updateParagraph');
    const first = backend.invoke('protocol.updateParagraph', { id: 7, fields: { decision: 'Noteras.' } });
    await new Promise((r) => setImmediate(r));
    children[0].die();
    expect((await first).ok).toBe(false);
    await until(() => restarted.length === 1);
    // what the renderer's autosaver does on 'backend.restarted' (renderer/components/autosave/autosaver.ts)
    expect(await backend.invoke('protocol.updateParagraph', { id: 7, fields: { decision: 'Noteras.' } })).toMatchObject(
      { ok: true, value: { pid: 1, input: { id: 7 } } },
    );
  });

  it('a start that fails (database cannot open) is not restarted: the caller reports it', async () => {
    const { backend, restarted } = supervised({ failStart: true });
    await expect(backend.ready).rejects.toMatchObject({ code: 'DATABASE_CORRUPT' });
    children[0].die(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(children).toHaveLength(1);
    expect(restarted).toEqual([]);
  });

  it('dying again and again: after five restarts within a minute it gives up and says why', async () => {
    const { backend, restarted, gaveUp } = supervised({ maxRestarts: 2 });
    await backend.ready;
    for (let i = 0; i < 2; i++) {
      children[children.length - 1].die(134);
      await until(() => restarted.length === i + 1);
    }
    children[children.length - 1].die(134);
    await until(() => gaveUp.length === 1);
    expect(gaveUp[0]).toMatch(/stopped 3 times within 60 s/);
    expect(await backend.invoke('people.list', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } });
  });

  it('a process that throws when posted to still gives an answer, not a rejection', async () => {
    const { backend } = supervised();
    await backend.ready;
    children[0].postMessage = () => {
      throw new Error('Cannot post to a process that has exited');
    };
    await expect(backend.invoke('people.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'BACKEND_RESTARTED' },
    });
  });

  it('stopping on quit is not a crash: nothing is restarted', async () => {
    const { backend, restarted } = supervised();
    await backend.ready;
    backend.stop();
    await new Promise((r) => setTimeout(r, 30));
    expect(children[0].killed).toBe(true);
    expect(children).toHaveLength(1);
    expect(restarted).toEqual([]);
  });
});
