import type { AnyAggregate, Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { replayProjection } from '../../src/core/projection';
import type { LogPoint, StreamPoint } from '../../src/core/store';
import type { LogbookDatabase, SnapshotRow } from '../db/database';
import { streamPages } from '../log/readLog';
import { projectionNamed } from '../projections/queryViews';
import { replayPages } from '../projections/replayOrder';

const PAGE_SIZE = 500;
const recordedBy = (at: number) => (event: RecordedEvent) => event.metadata.recordedAt <= at;

/**
 * An aggregate's state after a version of its stream, or as it stood at a time (folding the
 * events recorded by then). Folds from the stream's snapshot when it is of the current decider
 * version and every event up to it counts; from `initialState()` otherwise. The stream is read a
 * page at a time: a long stream is never held whole.
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
  const pages = (from: number, to?: number) => streamPages(db, stream, { from, to });
  if ('version' in point) {
    // The stream still holds the event the snapshot ends on (pending work taken out would not).
    const fromSnapshot =
      snapshot && snapshot.version <= point.version && (await holds(db, stream, snapshot.version));
    return fromSnapshot
      ? foldPages(aggregate, snapshot.state, pages(snapshot.version + 1, point.version))
      : foldPages(aggregate, aggregate.initialState(), pages(0, point.version));
  }
  const counts = recordedBy(point.at);
  return snapshot && (await allCount(db, stream, snapshot.version, counts))
    ? foldPages(aggregate, snapshot.state, pages(snapshot.version + 1), counts)
    : foldPages(aggregate, aggregate.initialState(), pages(0), counts);
}

/** Whether the stream holds its event of `version`. */
async function holds(db: LogbookDatabase, stream: string, version: number): Promise<boolean> {
  return (await db.events.where('[stream+version]').equals([stream, version]).count()) > 0;
}

/** Whether the stream holds every version from 1 to `version` and each of them `counts`. */
async function allCount(
  db: LogbookDatabase,
  stream: string,
  version: number,
  counts: (event: RecordedEvent) => boolean,
): Promise<boolean> {
  let held = 0;
  for await (const page of streamPages(db, stream, { to: version })) {
    if (!page.every(counts)) return false;
    held += page.length;
  }
  return held === version;
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

/** `state` with the events of `pages` that count (all by default) folded into it, page by page. */
async function foldPages(
  aggregate: AnyAggregate,
  state: unknown,
  pages: AsyncIterable<RecordedEvent[]>,
  counts: (event: RecordedEvent) => boolean = () => true,
): Promise<unknown> {
  let folded = state;
  for await (const page of pages) {
    for (const event of page) if (counts(event)) folded = aggregate.evolve(folded, event);
  }
  return folded;
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
  const through = 'position' in point ? point.position : undefined;
  for await (const page of replayPages(db, PAGE_SIZE, through)) {
    replayProjection(projection, page.filter(counts), views);
  }
  return [...views.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, view]) => view);
}
