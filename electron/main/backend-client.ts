import type { ErrorCode, Result } from '../../shared/errors';
import type { FromBackend, MessageSink, ToBackend } from '../backend/host/messages';

export interface BackendClient {
  /** resolves when the backend opened its database; rejects with its reason otherwise */
  ready: Promise<void>;
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** feed every message the backend sends */
  receive(message: FromBackend): void;
  /** the backend process is gone: answer every waiting call with an error (`code`: INTERNAL unless told) */
  lost(reason: string, code?: ErrorCode): void;
}

export interface BackendFailure extends Error {
  code: string;
}

/**
 * Main process side of the desktop transport: numbers each call, matches answers by id, and
 * passes backend events on. Knows nothing of Electron, so it is tested with a plain port.
 */
export function createBackendClient(
  port: MessageSink<ToBackend>,
  onEvent: (event: string, payload: unknown) => void,
): BackendClient {
  let nextId = 1;
  let gone: string | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let settleReady!: { resolve: () => void; reject: (error: BackendFailure) => void };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  // nobody may be awaiting yet; the failure is still reported to whoever awaits later
  ready.catch(() => undefined);

  const failure = (code: string, message: string): BackendFailure => Object.assign(new Error(message), { code });

  return {
    ready,
    invoke(method, input) {
      if (gone) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: gone } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.postMessage({ type: 'call', id, method, input });
      });
    },
    receive(message) {
      switch (message.type) {
        case 'ready':
          return settleReady.resolve();
        case 'fatal':
          return settleReady.reject(failure(message.code, message.message));
        case 'result': {
          const resolve = pending.get(message.id);
          pending.delete(message.id);
          return resolve?.(message.result);
        }
        case 'event':
          return onEvent(message.event, message.payload);
      }
    },
    lost(reason, code = 'INTERNAL') {
      gone = reason;
      settleReady.reject(failure(code, reason));
      for (const resolve of pending.values()) resolve({ ok: false, error: { code, message: reason } });
      pending.clear();
    },
  };
}
