import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { replayProjection } from '../../src/core/projection';
import type { LogPoint, StreamPoint } from '../../src/core/store';
import { readAll, readStream } from '../log/readLog';
import { projectionNamed } from '../projections/queryViews';
import type { LogbookDatabase } from '../store/database';

const recordedBy = (at: number) => (event: RecordedEvent) => event.metadata.recordedAt <= at;

/** An aggregate's state after a version of its stream, or as it stood at a time. */
export async function aggregateStateAt(
  db: LogbookDatabase,
  domain: Domain,
  aggregateName: string,
  stream: string,
  point: StreamPoint,
): Promise<unknown> {
  const aggregate = domain.aggregates.find((candidate) => candidate.name === aggregateName);
  if (!aggregate)
    throw new ValidationError({
      field: 'aggregate',
      reason: `unknown aggregate "${aggregateName}"`,
    });
  const events =
    'version' in point
      ? await readStream(db, stream, { to: point.version })
      : (await readStream(db, stream)).filter(recordedBy(point.at));
  return events.reduce<unknown>(
    (state, event) => aggregate.evolve(state, event),
    aggregate.initialState(),
  );
}

/**
 * A projection's views as they were at a log position or a time, replayed in memory page by page
 * (the log is never held whole), leaving the stored views alone.
 */
export async function projectionAt(
  db: LogbookDatabase,
  domain: Domain,
  name: string,
  point: LogPoint,
): Promise<Json[]> {
  const projection = projectionNamed(domain, name);
  const views = new Map<string, Json>();
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await readAll(db, { after, limit: 500 });
    const inRange =
      'position' in point
        ? page.events.filter((event) => event.position <= point.position)
        : page.events.filter(recordedBy(point.at));
    replayProjection(projection, inRange, views);
    after = page.lastPosition;
    hasMore = page.hasMore && !('position' in point && after >= point.position);
  }
  return [...views.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, view]) => view);
}
