import type { AppError } from '../../shared/errors';
import type { Capability } from '../../shared/contract/common';

/** What a rule says about an action: null when it is allowed, else the error the call is refused with. */
export type Refusal = AppError | null;

/** A rule over some state `S`: the same function answers the flag and guards the call. */
export type Rule<S> = (state: S) => Refusal;

/** The flag the contract returns for a rule's answer: its reason is the refusal's message key. */
export function capability(refusal: Refusal): Capability {
  if (!refusal) return { allowed: true };
  const { reason, ...params } = refusal.params ?? {};
  return {
    allowed: false,
    reason: typeof reason === 'string' ? reason : `errors.${refusal.code}`,
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}

/**
 * Every rule of a record kind, answered for one state. A flag keeps only a refusal's code and
 * reason, never its stack trace, and capturing that trace was most of the time a list of
 * meetings or a protocol took (every attested § refuses several actions): the rules run here
 * with traces off. They are synchronous, so nothing else runs before the limit is restored.
 */
export function capabilitiesOf<S, A extends string>(rules: Record<A, Rule<S>>, state: S): Record<A, Capability> {
  const out = {} as Record<A, Capability>;
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const action of Object.keys(rules) as A[]) out[action] = capability(rules[action](state));
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  return out;
}

/** Guards a call: throws the refusal the flag reports. */
export function refuse(refusal: Refusal): void {
  if (refusal) throw refusal;
}
