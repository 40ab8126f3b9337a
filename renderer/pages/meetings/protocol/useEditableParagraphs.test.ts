import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParagraphEditors } from './useEditableParagraphs';

const shown = (editors: ParagraphEditors, ids: number[]) => ids.map((id) => editors.of(id));

describe('ParagraphEditors', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the first § at once, then one more § per task from the top, telling only at each step', async () => {
    const editors = new ParagraphEditors();
    const told = vi.fn();
    editors.subscribe(told);
    editors.follow([7, 3, 9]);
    expect(shown(editors, [7, 3, 9])).toEqual(['drawn', null, null]);
    await vi.advanceTimersToNextTimerAsync();
    expect(shown(editors, [7, 3, 9])).toEqual(['drawn', 'drawn', null]);
    expect(told).toHaveBeenCalledTimes(1);
    await vi.advanceTimersToNextTimerAsync();
    expect(shown(editors, [7, 3, 9])).toEqual(['drawn', 'drawn', 'drawn']);
    expect(told).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a § the user reaches first is drawn at once, taking the focus where it was, and the queue passes it by', async () => {
    const editors = new ParagraphEditors();
    editors.follow([1, 2, 3, 4]);
    editors.want(4, 'heading');
    expect(shown(editors, [1, 2, 3, 4])).toEqual(['drawn', null, null, 'heading']);
    editors.want(3, null);
    expect(shown(editors, [1, 2, 3, 4])).toEqual(['drawn', null, 'drawn', 'heading']);
    await vi.advanceTimersToNextTimerAsync();
    expect(shown(editors, [1, 2, 3, 4])).toEqual(['drawn', 'drawn', 'drawn', 'heading']);
    expect(vi.getTimerCount()).toBe(0);
    // the focus moves on with the next § reached by keyboard
    editors.want(2, 'first-field');
    expect(shown(editors, [2, 4])).toEqual(['first-field', 'drawn']);
  });

  it('follows a new order: a drawn § stays drawn wherever it moves, an added one comes in', async () => {
    const editors = new ParagraphEditors();
    editors.follow([1, 2]);
    await vi.runAllTimersAsync();
    editors.follow([2, 5, 1]);
    expect(shown(editors, [2, 5, 1])).toEqual(['drawn', null, 'drawn']);
    await vi.advanceTimersToNextTimerAsync();
    expect(editors.of(5)).toBe('drawn');
  });

  it('stops bringing §§ in once stopped (the tab left)', async () => {
    const editors = new ParagraphEditors();
    editors.follow([1, 2, 3]);
    editors.stop();
    await vi.runAllTimersAsync();
    expect(shown(editors, [1, 2, 3])).toEqual(['drawn', null, null]);
  });
});
