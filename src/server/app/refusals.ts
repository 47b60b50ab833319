import { isLogbookError } from '../../core/errors';
import type { ErrorResponse } from '../../core/syncProtocol';

/** A refusal of the request itself, with its HTTP status (one the core errors do not name). */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  readonly status: number;
  readonly error: string;
  constructor(status: number, error: string, message: string) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

export interface Refusal {
  status: number;
  body: ErrorResponse;
  headers: Record<string, string>;
}

const refusal = (
  status: number,
  error: string,
  message: string,
  field?: string,
  headers: Record<string, string> = {},
): Refusal => ({ status, body: { error, message, ...(field ? { field } : {}) }, headers });

/**
 * How the app answers an error: the named errors with their status and message, anything else
 * with a plain 500 whose details are for the logs only (undefined here: the caller logs it).
 */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof HttpRefusal) return refusal(error.status, error.error, error.message);
  if (isLogbookError(error, 'ValidationError')) {
    return refusal(400, 'ValidationError', error.message, error.field);
  }
  if (isLogbookError(error, 'UnauthorizedError')) {
    return refusal(401, 'Unauthorized', error.message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (isLogbookError(error, 'ForbiddenError')) return refusal(403, 'Forbidden', error.message);
  if (isLogbookError(error, 'RateLimitedError')) {
    return refusal(429, 'TooManyRequests', error.message, undefined, {
      'Retry-After': String(error.retryAfterSeconds),
    });
  }
  if (isLogbookError(error, 'StorageUnavailableError')) {
    return refusal(503, 'StorageUnavailable', error.message);
  }
  return undefined;
}

export const internalError = refusal(
  500,
  'InternalError',
  'The sync server failed to handle the request',
);
