import type { z } from 'zod';
import { contract, isMethod, type Method } from '../../shared/contract';
import { AppError, type ErrorBody, type FieldErrors, type Result } from '../../shared/errors';
import type { Ctx } from './context';
import { handlers as defaultHandlers, type HandlerMap } from './handlers';
import { translateSqlError } from './sql-errors';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    // messages are translation keys: `required`, or namespaced like `agreements.validation.x`
    const message = /^[a-z][a-z0-9_.]*$/.test(issue.message) ? issue.message : 'invalid';
    fields[key] ??= message;
  }
  return fields;
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const fromSql = translateSqlError(error);
  if (fromSql) return fromSql.toBody();
  console.error('[samrad] internal error', error);
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The single entry to the backend, whatever the transport: checks the method exists,
 * validates the input against the contract, runs the handler, and checks the output.
 */
export function createDispatcher(ctx: Ctx, handlers: HandlerMap = defaultHandlers): Dispatch {
  return async (method, rawInput) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}`, params: { method } } };
    }
    const spec = contract[method as Method];
    const parsed = spec.input.safeParse(rawInput ?? undefined);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Invalid input for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, fields: fieldErrorsFrom(parsed.error) },
      };
    }
    try {
      const handler = handlers[method as Method] as (ctx: Ctx, input: unknown) => unknown;
      const value = await handler(ctx, parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        console.error(`[samrad] ${method} returned a value outside the contract`, checked.error.issues);
        return { ok: false, error: { code: 'INTERNAL', message: `${method} returned an invalid value` } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  };
}
