/**
 * The one reply shape every cloud function returns. `code` is stable English for programs,
 * `message` is Chinese for people. Nothing else ever leaves a function.
 */
export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; code: ErrorCode; message: string; details?: unknown };
export type Envelope<T> = Ok<T> | Fail;

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'IMPORT_REJECTED',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_FUNCTION',
  'INTERNAL',
  'RATE_LIMITED',
  'CONTENT_RISKY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Fail {
  return details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
}

/** A failure a handler raises on purpose; the router turns it into a `Fail`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
