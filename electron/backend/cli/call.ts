import type { Input, Method, Output } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Backend } from '../backend';

/** One contract method through the dispatcher, as every command reaches the backend; a failure is thrown as the AppError it was. */
export async function call<M extends Method>(backend: Backend, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await backend.dispatch(method, input);
  if (!result.ok)
    throw new AppError(result.error.code, result.error.message, {
      fields: result.error.fields,
      params: result.error.params,
    });
  return result.value as Output<M>;
}
