import { expect } from 'vitest';
import type { TestBackend } from './backend';
import type { Capability } from '../../shared/contract/common';
import type { Method } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';

/** Runs a call and rolls back whatever it changed: the error when it was refused, else null. */
async function attempt(b: TestBackend, method: Method, input: unknown): Promise<ErrorBody | null> {
  b.ctx.db.exec('SAVEPOINT probe');
  try {
    const result = await b.dispatch(method, input);
    return result.ok ? null : result.error;
  } finally {
    b.ctx.db.exec('ROLLBACK TO probe');
    b.ctx.db.exec('RELEASE probe');
  }
}

/**
 * A flag against the call it stands for, in a savepoint that is rolled back so the next call
 * meets the same state. Refused: the call is refused with the same reason and parameters.
 * Allowed: the call succeeds — except signing an export (`sign`), which the tests' databases
 * have no organisation certificate for: it may then be refused only for that (a `signing.`
 * reason), never for the record's state.
 */
export async function expectCallMatches(
  b: TestBackend,
  flag: Capability,
  method: Method,
  input: unknown,
  opts: { sign?: boolean } = {},
): Promise<void> {
  const error = await attempt(b, method, input);
  const label = `${method} ${JSON.stringify(input)}: ${JSON.stringify(error)}`;
  if (!flag.allowed) {
    expect(error, `${label} should be refused`).not.toBeNull();
    const { reason, ...params } = error!.params ?? {};
    expect({ reason, params }, label).toEqual({ reason: flag.reason, params: flag.params ?? {} });
  } else if (opts.sign && error) {
    expect(error.params?.reason, label).toMatch(/^signing\./);
  } else {
    expect(error, label).toBeNull();
  }
}

/** The actions a record's flags allow, sorted. */
export const allowedActions = (can: Record<string, Capability>): string[] =>
  Object.entries(can)
    .filter(([, c]) => c.allowed)
    .map(([action]) => action)
    .sort();
