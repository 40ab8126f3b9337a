import type { z } from 'zod';
import { contract, isMethod, type Method } from '../../shared/contract';
import { AppError, type ErrorBody, type FieldErrors, type Result } from '../../shared/errors';
import type { Ctx } from './context';
import type { HandlerMap } from './handler';
import { handlers as defaultHandlers, sqlErrors as defaultSqlErrors } from './handlers';
import { translateSqlError, type SqlErrorMap } from './sql-errors';
import { findInputProblem } from '../../shared/input-guard';
import { translateEnvironmentError } from './environment-errors';
import { RECOVERY_METHODS } from '../../shared/contract/database';
import { withBusyRetry } from './db/busy-retry';
import { damageError, damageOf, markDamaged } from './db/health';

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

export function toErrorBody(error: unknown, sqlErrors: SqlErrorMap = defaultSqlErrors): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const fromSql = translateSqlError(error, sqlErrors) ?? translateEnvironmentError(error);
  if (fromSql) return fromSql.toBody();
  console.error('[samrad] internal error', error);
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The single entry to the backend, whatever the transport: checks the method exists,
 * validates the input against the contract, runs the handler, and checks the output.
 * It never rejects: validation, handler and output check run inside one guard, so no input
 * (however deep, large or odd) can take the process down; every failure is a typed error.
 */
export function createDispatcher(
  ctx: Ctx,
  handlers: HandlerMap = defaultHandlers,
  sqlErrors: SqlErrorMap = defaultSqlErrors,
): Dispatch {
  return async (method, rawInput) => {
    try {
      if (typeof method !== 'string' || !isMethod(method)) {
        const name = String(method).slice(0, 100);
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${name}`, params: { method: name } },
        };
      }
      // a damaged database is not written to again: only the way back (status, restore) is open
      const damage = damageOf(ctx.db);
      if (damage && !RECOVERY_METHODS.has(method)) return { ok: false, error: damageError(damage) };
      // limits first, by an iterative walk: zod's recursive schemas must never see a value deep enough to overflow the stack
      const problem = findInputProblem(rawInput);
      if (problem) {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `Invalid input for ${method}: ${problem.path}: ${problem.key}`,
            fields: { [problem.path]: problem.key },
          },
        };
      }
      const spec = contract[method as Method];
      const parsed = spec.input.safeParse(rawInput ?? undefined);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `Invalid input for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            fields: fieldErrorsFrom(parsed.error),
          },
        };
      }
      const handler = handlers[method as Method] as (ctx: Ctx, input: unknown) => unknown;
      // a locked database is retried without blocking (busy-retry.ts); the archive export writes
      // files as it goes, so it is not repeated but told that the database is busy
      const run = () => handler(ctx, parsed.data);
      const value = method === 'archive.export' ? await run() : await withBusyRetry(ctx.db, run);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        console.error(`[samrad] ${method} returned a value outside the contract`, checked.error.issues);
        return { ok: false, error: { code: 'INTERNAL', message: `${method} returned an invalid value` } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      const body = toErrorBody(error, sqlErrors);
      if (body.code === 'DATABASE_CORRUPT' || body.code === 'NOT_A_DATABASE') {
        const first = !damageOf(ctx.db);
        markDamaged(ctx.db, {
          code: body.code,
          message: body.message,
          noticed: 'call',
          detail: error instanceof Error ? error.message : String(error),
        });
        // every window learns at once and shows the way back (database.status)
        if (first) ctx.emit('data.changed', { entity: 'database' });
      }
      return { ok: false, error: body };
    }
  };
}
