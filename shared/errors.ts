/**
 * Error codes that cross the contract. The renderer translates them (`errors.<code>`),
 * the CLI prints the English message. Field errors carry a message key from
 * `validation.<key>` so the UI can show them at the field in the user's language.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'INVALID_STATE',
  'UNKNOWN_METHOD',
  'FILE_EXISTS',
  'FILE_NOT_WRITABLE',
  'SCHEMA_TOO_NEW',
  /** a sealed record no longer matches its seal: it is not handed out (see records/verify-seal.ts) */
  'SEAL_BROKEN',
  /** a time-stamping authority gave no usable timestamp: the user may sign without one or try again later */
  'TIMESTAMP_FAILED',
  // the machine, not the input: each says what happened and what to do (see backend/environment-errors.ts)
  'DATABASE_BUSY',
  'DATABASE_READ_ONLY',
  'DISK_FULL',
  'DATABASE_CORRUPT',
  'NOT_A_DATABASE',
  'DISK_IO',
  'DATABASE_UNAVAILABLE',
  /** the desktop backend process stopped and was started again; the call may not have run */
  'BACKEND_RESTARTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** field path (dot-joined) → validation message key */
export type FieldErrors = Record<string, string>;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** values to interpolate into the translated message */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly params?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.params = options.params;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, fields: this.fields, params: this.params };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** A rule broken on a single field: the message key goes to the field. */
export function fieldError(field: string, key: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { [field]: key } });
}

export function notFound(entity: string, id: number | string): AppError {
  return new AppError('NOT_FOUND', `${entity} ${id} does not exist`, { params: { entity, id: String(id) } });
}
