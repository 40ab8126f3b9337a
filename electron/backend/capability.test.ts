import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { capabilitiesOf, refuse, type Rule } from './capability';

const rules = {
  edit: (s: { locked: boolean }) =>
    s.locked ? new AppError('LOCKED', 'Locked', { params: { reason: 'r.locked' } }) : null,
  view: () => null,
} satisfies Record<string, Rule<{ locked: boolean }>>;

describe('capabilitiesOf', () => {
  it('answers each rule as a flag with the refusal’s reason', () => {
    expect(capabilitiesOf(rules, { locked: true })).toEqual({
      edit: { allowed: false, reason: 'r.locked' },
      view: { allowed: true },
    });
  });

  it('leaves stack traces as they were, also when a rule throws, and a refused call keeps its trace', () => {
    const limit = Error.stackTraceLimit;
    capabilitiesOf(rules, { locked: true });
    expect(Error.stackTraceLimit).toBe(limit);
    const broken = {
      edit: () => {
        throw new Error('bug');
      },
    } satisfies Record<string, Rule<unknown>>;
    expect(() => capabilitiesOf(broken, {})).toThrow('bug');
    expect(Error.stackTraceLimit).toBe(limit);
    let thrown: unknown;
    try {
      refuse(rules.edit({ locked: true }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).stack).toContain('capability.test.ts');
  });
});
