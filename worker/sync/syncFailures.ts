import { SyncHttpError, SyncNetworkError } from '../../src/core/errors';

/** A failure that may pass by itself: no network, or the server failing (5xx). */
export const mayPass = (error: unknown) =>
  error instanceof SyncNetworkError || (error instanceof SyncHttpError && error.status >= 500);

/** The server refused the request itself (4xx): sent again unchanged, it is refused again. */
export const isRefused = (error: unknown): error is SyncHttpError =>
  error instanceof SyncHttpError && error.status >= 400 && error.status < 500;
