import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, type AutosaveStatus } from './autosaver';

function setup(initial = '', result: () => boolean | Promise<boolean> = () => true) {
  const saved: string[] = [];
  const statuses: AutosaveStatus[] = [];
  const saver = createAutosaver({
    initial,
    delayMs: 500,
    onStatus: (s) => statuses.push(s),
    save: async (value) => {
      saved.push(value);
      return result();
    },
  });
  return { saver, saved, statuses };
}

describe('createAutosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after the user stops typing, with the newest text', async () => {
    const { saver, saved, statuses } = setup();
    saver.change('B');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('Be');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('Beslut');
    expect(saved).toEqual([]);
    expect(statuses).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(['Beslut']);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
    expect(saver.dirty()).toBe(false);
  });

  it('does not save text equal to what is stored', async () => {
    const { saver, saved } = setup('Lägesbild');
    saver.change('Lägesbil');
    saver.change('Lägesbild');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
  });

  it('saves at once on flush (blur) and on dispose (unmount) without waiting', async () => {
    const { saver, saved } = setup();
    saver.change('Åtgärd');
    await saver.flush();
    expect(saved).toEqual(['Åtgärd']);
    saver.change('Åtgärd två');
    await saver.dispose();
    expect(saved).toEqual(['Åtgärd', 'Åtgärd två']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(2);
  });

  it('text typed during a running save is saved right after it', async () => {
    let release: (ok: boolean) => void = () => {};
    const saved: string[] = [];
    const saver = createAutosaver({
      initial: '',
      delayMs: 500,
      onStatus: () => {},
      save: (value) => {
        saved.push(value);
        return new Promise((resolve) => (release = resolve));
      },
    });
    saver.change('a');
    const first = saver.flush();
    saver.change('ab');
    release(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['a', 'ab']);
    release(true);
    await first;
    expect(saver.dirty()).toBe(false);
  });

  it('keeps the text and reports an error when saving fails, and retries on the next flush', async () => {
    let ok = false;
    const { saver, saved, statuses } = setup('', () => ok);
    saver.change('Reservation');
    await saver.flush();
    expect(statuses.at(-1)).toBe('error');
    expect(saver.dirty()).toBe(true);
    ok = true;
    await saver.flush();
    expect(saved).toEqual(['Reservation', 'Reservation']);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('a thrown save counts as a failure, not a crash', async () => {
    const { saver, statuses } = setup('', () => {
      throw new Error('offline');
    });
    saver.change('x');
    await saver.flush();
    expect(statuses.at(-1)).toBe('error');
  });

  it('takes over a value stored elsewhere only when nothing typed is unsaved', async () => {
    const { saver } = setup('old');
    expect(saver.rebase('from server')).toBe(true);
    saver.change('mine');
    expect(saver.rebase('other')).toBe(false);
    await saver.flush();
    expect(saver.dirty()).toBe(false);
  });
});
