import { SyncHttpError, SyncNetworkError } from '../../src/core/errors';
import type { SyncStatus } from '../../src/core/store';

/** A failure that may pass by itself: no network, or the server failing (5xx). */
export const mayPass = (error: unknown) =>
  error instanceof SyncNetworkError || (error instanceof SyncHttpError && error.status >= 500);

/** The server refused the request itself (4xx): sent again unchanged, it is refused again. */
export const isRefused = (error: unknown): error is SyncHttpError =>
  error instanceof SyncHttpError && error.status >= 400 && error.status < 500;

/** The server refused the token (401, after asking for a new one) or the scope (403). */
export const refusesAccess = (error: unknown): error is SyncHttpError =>
  error instanceof SyncHttpError && (error.status === 401 || error.status === 403);

/** The state a failure leaves sync in: offline only when the server could not be reached. */
export function stateAfter(error: unknown): SyncStatus['state'] {
  if (error instanceof SyncNetworkError) return 'offline';
  return refusesAccess(error) ? 'unauthorized' : 'error';
}

/**
 * The failure a person should hear of first among the scopes': one that needs them (a new
 * token), then one that is not the network's; undefined when none failed.
 */
export const worstOf = (failures: readonly unknown[]): unknown =>
  failures.find(refusesAccess) ??
  failures.find((failure) => !(failure instanceof SyncNetworkError)) ??
  failures[0];
