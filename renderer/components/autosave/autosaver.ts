export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaverOptions {
  /** the value as stored now */
  initial: string;
  /** persists one value; resolves false (or rejects) when it was not saved */
  save(value: string): Promise<boolean>;
  /** quiet time after the last keystroke before saving */
  delayMs: number;
  onStatus(status: AutosaveStatus): void;
}

export interface Autosaver {
  /** the user typed: save after a quiet spell */
  change(value: string): void;
  /** save now whatever is unsaved (blur, unmount); resolves when stored or failed */
  flush(): Promise<void>;
  /** the stored value changed elsewhere; taken over only when nothing typed is unsaved */
  rebase(stored: string): boolean;
  /** true while something typed is not yet stored */
  dirty(): boolean;
  /** stop the timer after saving what is unsaved — nothing typed is dropped */
  dispose(): Promise<void>;
}

/**
 * The rules of an autosaving text field, without React, so they can be tested with fake
 * timers: debounce while typing, one save at a time, the newest text always wins, a failed
 * save keeps the text and says so.
 */
/** Every autosaver alive in this window, so unsaved text can be re-sent after the backend restarts. */
const live = new Set<Autosaver>();

/**
 * Saves again whatever is typed and not stored, in every field of the window: after the
 * desktop backend was restarted (a save in flight when it died failed) — nothing typed is lost.
 */
export function resendUnsaved(): Promise<void> {
  return Promise.all([...live].filter((a) => a.dirty()).map((a) => a.flush())).then(() => undefined);
}

export function createAutosaver(options: AutosaverOptions): Autosaver {
  const saver = makeAutosaver(options);
  live.add(saver);
  const dispose = saver.dispose;
  saver.dispose = () => {
    live.delete(saver);
    return dispose();
  };
  return saver;
}

function makeAutosaver({ initial, save, delayMs, onStatus }: AutosaverOptions): Autosaver {
  let stored = initial;
  let current = initial;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let status: AutosaveStatus = 'idle';

  const setStatus = (next: AutosaveStatus) => {
    if (next !== status) {
      status = next;
      onStatus(next);
    }
  };
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const saveOnce = async (): Promise<boolean> => {
    const value = current;
    setStatus('saving');
    let ok: boolean;
    try {
      ok = await save(value);
    } catch {
      ok = false;
    }
    if (ok) stored = value;
    return ok;
  };

  const flush = (): Promise<void> => {
    clearTimer();
    if (inFlight) {
      // A save is running: wait for it, then save again if the user typed meanwhile.
      return inFlight.then(() => (current !== stored && status !== 'error' ? flush() : undefined));
    }
    if (current === stored) return Promise.resolve();
    inFlight = (async () => {
      let ok = await saveOnce();
      while (ok && current !== stored) ok = await saveOnce();
      setStatus(ok ? 'saved' : 'error');
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    change(value) {
      current = value;
      clearTimer();
      if (inFlight) return; // the running save picks up the newest text when it finishes
      if (current === stored) {
        if (status === 'pending' || status === 'error') setStatus('saved');
        return;
      }
      setStatus('pending');
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    rebase(next) {
      if (current !== stored || inFlight) return false;
      stored = next;
      current = next;
      return true;
    },
    dirty: () => current !== stored,
    dispose() {
      clearTimer();
      return flush();
    },
  };
}
