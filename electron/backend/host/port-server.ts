import type { Backend, BackendOptions } from '../backend';
import type { FromBackend, MessageSink, ToBackend } from './messages';

export interface PortServerOptions {
  /** opens the backend; injected so tests can pass their own clock */
  start(dbPath: string, options: BackendOptions): Promise<Backend>;
  reply: MessageSink<FromBackend>;
}

/**
 * The backend's side of the desktop transport: waits for `start`, opens the database, then
 * answers each `call` with its `result` (same id) and forwards every backend event. Calls
 * that arrive before the backend is ready wait for it instead of failing.
 */
export function createPortServer({ start, reply }: PortServerOptions) {
  let backend: Backend | null = null;
  let starting: Promise<Backend | null> | null = null;

  async function handle(message: ToBackend): Promise<void> {
    if (message.type === 'start') {
      if (starting) return;
      starting = start(message.dbPath, message.nativeBinding ? { nativeBinding: message.nativeBinding } : {}).then(
        (opened) => {
          backend = opened;
          opened.events.on('event', (event: string, payload: unknown) =>
            reply.postMessage({ type: 'event', event, payload }),
          );
          reply.postMessage({ type: 'ready' });
          return opened;
        },
        (error: unknown) => {
          const code =
            typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'INTERNAL';
          reply.postMessage({ type: 'fatal', code, message: error instanceof Error ? error.message : String(error) });
          return null;
        },
      );
      return;
    }
    if (message.type === 'call') {
      const ready = backend ?? (starting ? await starting : null);
      if (!ready) {
        reply.postMessage({
          type: 'result',
          id: message.id,
          result: { ok: false, error: { code: 'INTERNAL', message: 'The backend is not running' } },
        });
        return;
      }
      const result = await ready.dispatch(message.method, message.input);
      reply.postMessage({ type: 'result', id: message.id, result });
    }
  }

  return {
    handle,
    close(): void {
      backend?.close();
      backend = null;
    },
  };
}
