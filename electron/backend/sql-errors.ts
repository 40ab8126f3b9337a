import { AppError } from '../../shared/errors';

/**
 * Rules kept in SQL raise a short key (RAISE(ABORT, 'key')). Each area keeps a table that turns
 * its keys into the same error the service would have given, so a rule broken in SQL still
 * reaches the user as a clear, translated message; handlers.ts merges them for the dispatcher.
 */
export type SqlErrorMap = Readonly<Record<string, () => AppError>>;

/** The keys of the registers' own rules (migration 001). */
export const commonSqlErrors: SqlErrorMap = {
  duplicate_member: () =>
    new AppError('VALIDATION', 'This person already has that role in the body for an overlapping period', {
      fields: { personId: 'duplicate_member' },
    }),
  audit_log_is_append_only: () => new AppError('LOCKED', 'The audit log cannot be changed'),
};

export function translateSqlError(error: unknown, raised: SqlErrorMap): AppError | null {
  if (!(error instanceof Error)) return null;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const make = Object.prototype.hasOwnProperty.call(raised, error.message) ? raised[error.message] : undefined;
  if (make) return make();
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return new AppError('CONFLICT', 'The record is referenced elsewhere or refers to a record that does not exist', {
      params: { reason: 'foreign_key' },
    });
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return duplicate(error.message);
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    // the service should have refused this first; still, the rule held and nothing was saved
    return new AppError('VALIDATION', `The details break a rule of the register (${error.message})`, {
      params: { reason: 'constraint' },
    });
  }
  return null;
}

/**
 * "UNIQUE constraint failed: organisation.name_key" → the name field is taken. A unique
 * rule on other columns is reported as a conflict without guessing at a field.
 */
function duplicate(message: string): AppError {
  const columns = (message.split(': ')[1] ?? '').split(', ').map((c) => c.split('.').pop() ?? '');
  if (columns.some((c) => c === 'name' || c === 'name_key')) {
    return new AppError('CONFLICT', 'A record with the same name already exists', {
      fields: { name: 'duplicate_name' },
    });
  }
  return new AppError('CONFLICT', `A record with the same value already exists (${message})`, {
    params: { reason: 'duplicate' },
  });
}
