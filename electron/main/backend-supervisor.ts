import type { Result } from '../../shared/errors';
import type { FromBackend, ToBackend } from '../backend/host/messages';
import { createBackendClient, type BackendClient } from './backend-client';

/** What the supervisor needs of a backend process: Electron's UtilityProcess fits, and so does a test's fake. */
export interface BackendChild {
  postMessage(message: ToBackend): void;
  on(event: 'message', listener: (message: FromBackend) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

export interface SupervisorOptions {
  /** starts a new backend process */
  fork(): BackendChild;
  start: Extract<ToBackend, { type: 'start' }>;
  onEvent(event: string, payload: unknown): void;
  /** a new backend is up after the previous one died: tell the user, re-send unsaved text */
  onRestarted(info: { restarts: number; exitCode: number }): void;
  /** it keeps dying: restarting again would only hide the problem */
  onGaveUp(reason: string): void;
  /** at most this many restarts within `windowMs` (5 in a minute) */
  maxRestarts?: number;
  windowMs?: number;
  /** pause before restart number n (from 1): short, growing */
  delayMs?(n: number): number;
  now?(): number;
}

export interface SupervisedBackend {
  /** the first start: resolves when the database is open, rejects with its reason otherwise */
  ready: Promise<void>;
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  stop(): void;
  readonly restarts: number;
}

/**
 * Keeps the backend process running for the window. When it dies after it had started, the
 * calls waiting on it are answered BACKEND_RESTARTED (they may or may not have run: the user
 * is told to check, never silently retried), a new process is started on the same database,
 * calls made meanwhile wait for it, and `onRestarted` lets the window say so and re-send what
 * the user typed. A backend that cannot open the database at all is not restarted: that is
 * the start-up failure the caller reports. Knows nothing of Electron, so it is tested with fakes.
 */
export function superviseBackend(options: SupervisorOptions): SupervisedBackend {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const delay = options.delayMs ?? ((n: number) => Math.min(2_000, 100 * 2 ** (n - 1)));
  const now = options.now ?? Date.now;
  const restartTimes: number[] = [];
  let restarts = 0;
  let stopped = false;
  let gaveUp: string | null = null;
  let child: BackendChild;
  let client: BackendClient;
  // resolves with the client to use once the current (re)start is done
  let current: Promise<BackendClient | null>;

  const launch = (): Promise<BackendClient | null> => {
    const started = options.fork();
    const next = createBackendClient(started, options.onEvent);
    child = started;
    client = next;
    started.on('message', (message) => next.receive(message));
    started.on('exit', (code) => onExit(started, next, code));
    started.postMessage(options.start);
    return next.ready.then(
      () => next,
      () => null,
    );
  };

  const onExit = (exited: BackendChild, lostClient: BackendClient, code: number) => {
    if (exited !== child) return;
    const reason = `The Samråd backend stopped (exit code ${code})`;
    if (stopped) return lostClient.lost(reason);
    let wasReady = false;
    void lostClient.ready.then(
      () => (wasReady = true),
      () => undefined,
    );
    // settle order: let `ready` report before deciding whether this was a start-up failure
    queueMicrotask(() => {
      lostClient.lost(reason, wasReady ? 'BACKEND_RESTARTED' : 'INTERNAL');
      if (!wasReady) return;
      const t = now();
      while (restartTimes.length > 0 && t - restartTimes[0] > windowMs) restartTimes.shift();
      if (restartTimes.length >= maxRestarts) {
        gaveUp = `${reason}; it stopped ${restartTimes.length + 1} times within ${Math.round(windowMs / 1000)} s, so Samråd does not restart it again`;
        current = Promise.resolve(null);
        return options.onGaveUp(gaveUp);
      }
      restartTimes.push(t);
      restarts++;
      const attempt = restarts;
      current = new Promise<void>((r) => setTimeout(r, delay(restartTimes.length))).then(() => {
        if (stopped) return null;
        return launch().then((next) => {
          if (next) options.onRestarted({ restarts: attempt, exitCode: code });
          return next;
        });
      });
    });
  };

  current = launch();
  const ready = client!.ready;

  return {
    ready,
    async invoke(method, input) {
      const target = await current;
      if (!target) {
        const message = gaveUp ?? 'The Samråd backend is not running';
        return { ok: false, error: { code: gaveUp ? 'BACKEND_RESTARTED' : 'INTERNAL', message } };
      }
      try {
        return await target.invoke(method, input);
      } catch (error) {
        // posting to a process that is going away can throw: an answer, never a rejection
        return {
          ok: false,
          error: {
            code: 'BACKEND_RESTARTED',
            message: `The Samråd backend could not take the call: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
    },
    stop() {
      stopped = true;
      child.kill();
    },
    get restarts() {
      return restarts;
    },
  };
}
