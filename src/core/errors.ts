import type { ExpectedVersion } from './expectedVersion';

/**
 * Every Logbook error has a stable `name` and carries its details as plain fields, so it can be
 * matched by name (like Dexie's errors) and rebuilt on the far side of a worker boundary.
 */
export abstract class LogbookError extends Error {
  abstract override readonly name: string;
}

/** Input that is not what the API accepts. `field` is a path such as `events[0].data.items[2]`. */
export class ValidationError extends LogbookError {
  override readonly name = 'ValidationError';
  readonly field: string;
  readonly reason: string;
  constructor(details: { field: string; reason: string }) {
    super(`Invalid ${details.field}: ${details.reason}`);
    this.field = details.field;
    this.reason = details.reason;
  }
}

/** The stream was not at the version the writer based its events on; nothing was written. */
export class WrongExpectedVersionError extends LogbookError {
  override readonly name = 'WrongExpectedVersionError';
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly actual: number;
  constructor(details: { stream: string; expected: ExpectedVersion; actual: number }) {
    super(
      `Stream "${details.stream}" is at version ${details.actual}, expected ${String(details.expected)}`,
    );
    this.stream = details.stream;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/**
 * A decider refused a command because it breaks a domain rule. Deciders throw it with a reason;
 * the store fills in which command it was.
 */
export class CommandRejectedError extends LogbookError {
  override readonly name = 'CommandRejectedError';
  readonly reason: string;
  readonly commandType: string | null;
  readonly commandId: string | null;
  constructor(details: { reason: string; commandType?: string | null; commandId?: string | null }) {
    super(details.reason);
    this.reason = details.reason;
    this.commandType = details.commandType ?? null;
    this.commandId = details.commandId ?? null;
  }
}

/** An event id that is already stored arrived again with other content: a bug, not a retry. */
export class EventIdConflictError extends LogbookError {
  override readonly name = 'EventIdConflictError';
  readonly eventId: string;
  constructor(details: { eventId: string }) {
    super(`Event id ${details.eventId} is already stored with other content`);
    this.eventId = details.eventId;
  }
}

/**
 * A projection threw on an event. On the device's own append the append was rolled back; on an
 * event from elsewhere (pulled, rebased, replayed) the projection is failed, and its queries
 * throw this until it is rebuilt.
 */
export class ProjectionFailedError extends LogbookError {
  override readonly name = 'ProjectionFailedError';
  readonly projection: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly reason: string;
  constructor(details: { projection: string; eventId: string; eventType: string; reason: string }) {
    super(
      `Projection "${details.projection}" failed on ${details.eventType} (${details.eventId}): ${details.reason}`,
    );
    this.projection = details.projection;
    this.eventId = details.eventId;
    this.eventType = details.eventType;
    this.reason = details.reason;
  }
}

/**
 * The database was written by a newer version of the app than this tab runs (another tab, or
 * this one before a downgrade). Nothing is read or written: reload to run the newer version.
 */
export class StoreVersionError extends LogbookError {
  override readonly name = 'StoreVersionError';
  readonly database: string;
  constructor(details: { database: string }) {
    super(
      `This tab runs an older version of the app than the data in "${details.database}". Reload the page to update.`,
    );
    this.database = details.database;
  }
}

/**
 * A projection is being rebuilt from the log (its version changed): its views are half-built, so
 * queries say so instead of answering. `processed` of `total` events are replayed so far.
 */
export class ProjectionRebuildingError extends LogbookError {
  override readonly name = 'ProjectionRebuildingError';
  readonly projection: string;
  readonly processed: number;
  readonly total: number;
  constructor(details: { projection: string; processed: number; total: number }) {
    super(
      `Projection "${details.projection}" is being rebuilt: ${details.processed} of ${details.total} events`,
    );
    this.projection = details.projection;
    this.processed = details.processed;
    this.total = details.total;
  }
}

/** A line of an NDJSON import is not an event this store can take; nothing was imported. */
export class ImportError extends LogbookError {
  override readonly name = 'ImportError';
  readonly line: number;
  readonly reason: string;
  constructor(details: { line: number; reason: string }) {
    super(`Line ${details.line}: ${details.reason}`);
    this.line = details.line;
    this.reason = details.reason;
  }
}

/**
 * A command kept losing the race for its stream to other writers (other tabs, a sync landing)
 * until its time to retry ran out. Nothing was written; the user can simply try again.
 */
export class CommandConflictError extends LogbookError {
  override readonly name = 'CommandConflictError';
  readonly commandType: string;
  readonly commandId: string;
  readonly stream: string;
  readonly attempts: number;
  readonly waitedMs: number;
  constructor(details: {
    commandType: string;
    commandId: string;
    stream: string;
    attempts: number;
    waitedMs: number;
  }) {
    super(
      `"${details.commandType}" was not saved: ${details.stream} kept changing in another tab or on another device. Please try again.`,
    );
    this.commandType = details.commandType;
    this.commandId = details.commandId;
    this.stream = details.stream;
    this.attempts = details.attempts;
    this.waitedMs = details.waitedMs;
  }
}

/**
 * The sync server answered with an error status. `error` is the server's error name (e.g.
 * `ValidationError`), `reason` its message, `field` the part of the request it names, if any.
 * A 4xx means the request itself is wrong: sending it again will not help.
 */
export class SyncHttpError extends LogbookError {
  override readonly name = 'SyncHttpError';
  readonly status: number;
  readonly error: string;
  readonly reason: string;
  readonly field: string | null;
  constructor(details: { status: number; error: string; reason: string; field?: string | null }) {
    super(`Sync server answered ${details.status} (${details.error}): ${details.reason}`);
    this.status = details.status;
    this.error = details.error;
    this.reason = details.reason;
    this.field = details.field ?? null;
  }
}

/** The sync server could not be reached at all (offline, refused connection, DNS, CORS). */
export class SyncNetworkError extends LogbookError {
  override readonly name = 'SyncNetworkError';
  readonly reason: string;
  constructor(details: { reason: string }) {
    super(`The sync server could not be reached: ${details.reason}`);
    this.reason = details.reason;
  }
}

/** A request to the sync server carried no token, or one that does not verify (401). */
export class UnauthorizedError extends LogbookError {
  override readonly name = 'UnauthorizedError';
  readonly reason: string;
  constructor(details: { reason: string }) {
    super(`Not signed in: ${details.reason}`);
    this.reason = details.reason;
  }
}

/**
 * The caller (`sub`) may not do this (403): a scope its token does not grant, or a device id that
 * another user pushed as first. `scope` is null when no scope is at issue.
 */
export class ForbiddenError extends LogbookError {
  override readonly name = 'ForbiddenError';
  readonly sub: string;
  readonly scope: string | null;
  readonly reason: string;
  constructor(details: { sub: string; scope: string | null; reason: string }) {
    super(`Forbidden for "${details.sub}": ${details.reason}`);
    this.sub = details.sub;
    this.scope = details.scope;
    this.reason = details.reason;
  }
}

/** Too many requests from one caller (429): try again after `retryAfterSeconds`. */
export class RateLimitedError extends LogbookError {
  override readonly name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(details: { retryAfterSeconds: number }) {
    super(`Too many requests: try again in ${details.retryAfterSeconds} s`);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** The sync server's storage cannot be reached (503); nothing was stored. */
export class StorageUnavailableError extends LogbookError {
  override readonly name = 'StorageUnavailableError';
  readonly reason: string;
  constructor(details: { reason: string }) {
    super(`The storage is unavailable: ${details.reason}`);
    this.reason = details.reason;
  }
}

/** Every error class by name, for rebuilding errors after a boundary. */
export const errorClasses = {
  ValidationError,
  WrongExpectedVersionError,
  CommandRejectedError,
  EventIdConflictError,
  ProjectionFailedError,
  StoreVersionError,
  ImportError,
  ProjectionRebuildingError,
  CommandConflictError,
  SyncHttpError,
  SyncNetworkError,
  UnauthorizedError,
  ForbiddenError,
  RateLimitedError,
  StorageUnavailableError,
} as const;

export type LogbookErrorName = keyof typeof errorClasses;

/** Like Dexie: match errors by name, so it works across realms and after serialization. */
export function isLogbookError<N extends LogbookErrorName>(
  error: unknown,
  name: N,
): error is InstanceType<(typeof errorClasses)[N]> {
  return typeof error === 'object' && error !== null && (error as Error).name === name;
}

/** What a thrown value says: an Error's message, anything else as text. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
