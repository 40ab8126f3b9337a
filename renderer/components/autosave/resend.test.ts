import { describe, expect, it } from 'vitest';
import { createAutosaver, resendUnsaved, type AutosaveStatus } from './autosaver';

describe('unsaved text is re-sent after the backend restarts (issue 13)', () => {
  it('a save that failed because the backend died is sent again by resendUnsaved; saved and disposed fields are left alone', async () => {
    let backendUp = false;
    const sent: string[] = [];
    const statuses: AutosaveStatus[] = [];
    const make = (initial: string) =>
      createAutosaver({
        initial,
        delayMs: 1,
        onStatus: (s) => statuses.push(s),
        save: async (value) => {
          sent.push(value);
          return backendUp;
        },
      });
    const decision = make('');
    const untouched = make('Lägesbild');
    const closed = make('');
    decision.change('Beslutet fattades enligt förslaget.');
    await decision.flush();
    closed.change('stängt fält');
    await closed.dispose();
    expect(decision.dirty()).toBe(true);
    expect(statuses).toContain('error');

    backendUp = true;
    sent.length = 0;
    await resendUnsaved();
    expect(sent).toEqual(['Beslutet fattades enligt förslaget.']);
    expect(decision.dirty()).toBe(false);
    expect(untouched.dirty()).toBe(false);
    await decision.dispose();
    await untouched.dispose();
  });
});
