import type { EventMap, EventName, Input, Method, Output } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';
import { pickTransport, type Transport } from './transport';

export class ApiError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

let transport: Transport | null = null;
const current = () => (transport ??= pickTransport());

/** Calls one contract method; resolves with its value or rejects with an ApiError. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await current().call(method, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as Output<M>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return current().subscribe(event, listener);
}
