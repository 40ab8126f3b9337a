import type { Result } from '../../../shared/errors';

/**
 * The value of a contract call made straight to a backend, as a spec does to fill the database
 * while the app is stopped; a refused call fails the spec with the backend's message.
 */
export function dispatched<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
