import type { Result } from '../../shared/errors';
import type { EventMap, EventName } from '../../shared/contract';

/** What the preload script exposes in the desktop app — and nothing else. */
export interface SamradBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    samrad?: SamradBridge;
  }
}

export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

const TOKEN_KEY = 'samrad.token';

/** The token arrives once in the URL fragment; keep it for this tab and take it out of the address bar. */
function bridgeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function ipcTransport(bridge: SamradBridge): Transport {
  return {
    call: (method, input) => bridge.invoke(method, input),
    subscribe: (event, listener) => bridge.on(event, (payload) => listener(payload as never)),
  };
}

function httpTransport(): Transport {
  const token = bridgeToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
  };
  return {
    async call(method, input) {
      try {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-samrad-token': token },
          body: JSON.stringify({ method, input }),
        });
        if (response.status === 403)
          return { ok: false, error: { code: 'INTERNAL', message: 'forbidden', params: { reason: 'forbidden' } } };
        return (await response.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'offline', params: { reason: 'offline' } } };
      }
    },
    subscribe(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

export function pickTransport(): Transport {
  return window.samrad ? ipcTransport(window.samrad) : httpTransport();
}
