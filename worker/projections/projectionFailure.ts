import { ProjectionFailedError } from '../../src/core/errors';
import type { LogbookDatabase, ProjectionFailure } from '../db/database';

/** What a projection failed on, from the error; anything but a ProjectionFailedError is thrown on. */
export function failureOf(error: unknown): ProjectionFailure {
  if (!(error instanceof ProjectionFailedError)) throw error;
  return { eventId: error.eventId, eventType: error.eventType, reason: error.reason };
}

/**
 * Marks the projection an event from elsewhere made throw as failed: it takes no more events (as
 * one rebuilding takes none) and its queries throw the failure, until a rebuild or a new version
 * replays it from scratch. The event stays in the log, and everything else goes on.
 */
export async function recordFailure(db: LogbookDatabase, error: unknown): Promise<void> {
  const failure = failureOf(error);
  await db.projections.update((error as ProjectionFailedError).projection, {
    status: 'failed',
    failure,
  });
}

/** The failure a failed projection's queries throw. */
export function failedError(projection: string, failure: ProjectionFailure): ProjectionFailedError {
  return new ProjectionFailedError({ projection, ...failure });
}
