import type { AnyAggregate, Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { replayProjection } from '../../src/core/projection';
import type { LogPoint, StreamPoint } from '../../src/core/store';
import type { LogbookDatabase, SnapshotRow } from '../db/database';
import { readStream } from '../log/readLog';
import { projectionNamed } from '../projections/queryViews';
import { replayPages } from '../projections/replayOrder';

const PAGE_SIZE = 500;
const recordedBy = (at: number) => (event: RecordedEvent) => event.metadata.recordedAt <= at;

/**
 * An aggregate's state after a version of its stream, or as it stood at a time (folding the
 * events recorded by then). Folds from the stream's snapshot when it is of the current decider
 * version and every event up to it counts; from `initialState()` otherwise.
 */
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
  const snapshot = await usableSnapshot(db, aggregate, stream);
  if ('version' in point) {
    if (snapshot && snapshot.version <= point.version) {
      const events = await readStream(db, stream, { from: snapshot.version, to: point.version });
      // The stream still holds the event the snapshot ends on (pending work taken out would not).
      if (events[0]?.version === snapshot.version) {
        return fold(aggregate, snapshot.state, events.slice(1));
      }
    }
    const events = await readStream(db, stream, { to: point.version });
    return fold(aggregate, aggregate.initialState(), events);
  }
  const counted = (await readStream(db, stream)).filter(recordedBy(point.at));
  // Versions run 1, 2, 3: the snapshot's own version at its index means all before it count too.
  return snapshot && counted[snapshot.version - 1]?.version === snapshot.version
    ? fold(aggregate, snapshot.state, counted.slice(snapshot.version))
    : fold(aggregate, aggregate.initialState(), counted);
}

/** The stream's snapshot, if it was folded by the aggregate's current decider version. */
async function usableSnapshot(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): Promise<SnapshotRow | undefined> {
  if (!aggregate.snapshots) return undefined;
  const snapshot = await db.snapshots.get(stream);
  return snapshot?.deciderVersion === aggregate.snapshots.version ? snapshot : undefined;
}

function fold(aggregate: AnyAggregate, state: unknown, events: readonly RecordedEvent[]): unknown {
  return events.reduce<unknown>((current, event) => aggregate.evolve(current, event), state);
}

/**
 * A projection's views as they were at a point of the log, replayed in memory page by page (the
 * log is never held whole), leaving the stored views alone. The events that count are those at
 * or before the local log position (or recorded by the time), applied in replay order (settled
 * ones in the order they settled, then the rest in log order), as the stored views are.
 */
export async function projectionAt(
  db: LogbookDatabase,
  domain: Domain,
  name: string,
  point: LogPoint,
): Promise<Json[]> {
  const projection = projectionNamed(domain, name);
  const counts =
    'position' in point
      ? (event: RecordedEvent) => event.position <= point.position
      : recordedBy(point.at);
  const views = new Map<string, Json>();
  for await (const page of replayPages(db, PAGE_SIZE)) {
    replayProjection(projection, page.filter(counts), views);
  }
  return [...views.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, view]) => view);
}
