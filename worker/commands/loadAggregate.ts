import type { AnyAggregate } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase } from '../db/database';
import { readStream } from '../log/readLog';

export interface LoadedStream {
  state: unknown;
  version: number;
  /**
   * The log position of the last event folded in (0: none), when read from the log: what a
   * decision on this state proves the stream still ends at when it appends (see `StreamHead`,
   * log/streamVersion.ts).
   */
  head?: number;
}

/** A stream's state as folded up to the event at `version`, stored at log `position`. */
interface Folded {
  aggregate: AnyAggregate;
  state: unknown;
  version: number;
  position: number;
}

/** Streams whose states this worker keeps, most recently used last. */
const MAX_KEPT_STREAMS = 1000;
const keptByDatabase = new WeakMap<LogbookDatabase, Map<string, Folded>>();

function keptStates(db: LogbookDatabase): Map<string, Folded> {
  const kept = keptByDatabase.get(db) ?? new Map<string, Folded>();
  keptByDatabase.set(db, kept);
  return kept;
}

function keep(kept: Map<string, Folded>, stream: string, folded: Folded): void {
  kept.delete(stream);
  if (folded.version > 0) kept.set(stream, folded);
  if (kept.size > MAX_KEPT_STREAMS) kept.delete(kept.keys().next().value as string);
}

/**
 * The state this worker kept for the stream, read from nothing: it may be stale (another tab or a
 * rebase moved the stream since), so a decision on it must prove the head it names (`head`) when
 * it writes, and decide again when the proof fails.
 */
export function keptState(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): LoadedStream | undefined {
  const before = keptByDatabase.get(db)?.get(stream);
  if (!before || before.aggregate !== aggregate) return undefined;
  return asLoaded(before);
}

/** Keeps the state a write left the stream in: its version and its last event's log position. */
export function keepState(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
  folded: { state: unknown; version: number; position: number },
): void {
  keep(keptStates(db), stream, { aggregate, ...folded });
}

/** Drops the state kept for a stream that proved stale, so the next decision reads it. */
export function forgetState(db: LogbookDatabase, stream: string): void {
  keptByDatabase.get(db)?.delete(stream);
}

/**
 * The state of an aggregate's stream and its version. A stream loaded before is read only from
 * where it was left; otherwise it is folded from the latest snapshot for this decider version,
 * or from the start.
 */
export async function loadAggregate(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): Promise<LoadedStream> {
  const kept = keptStates(db);
  const before = kept.get(stream);
  let loaded: Folded | undefined;
  if (before?.aggregate === aggregate) {
    const events = await readStream(db, stream, { from: before.version });
    // The same event still at that version means nothing before it changed (see `StreamHead`).
    if (events[0]?.position === before.position) loaded = fold(before, events.slice(1));
  }
  loaded ??= await foldFromLog(db, aggregate, stream);
  keep(kept, stream, loaded);
  return asLoaded(loaded);
}

/**
 * The state of a stream from all of its events (`events`, in version order, read in the running
 * transaction), kept as `loadAggregate` keeps what it reads.
 */
export function loadFromEvents(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
  events: readonly RecordedEvent[],
): LoadedStream {
  const loaded = fold(fromStart(aggregate), events);
  keep(keptStates(db), stream, loaded);
  return asLoaded(loaded);
}

async function foldFromLog(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): Promise<Folded> {
  const snapshot = aggregate.snapshots ? await db.snapshots.get(stream) : undefined;
  const usable = snapshot?.deciderVersion === aggregate.snapshots?.version ? snapshot : undefined;
  const events = await readStream(db, stream, { from: usable?.version ?? 1 });
  const [first] = events;
  if (usable && first?.version === usable.version) {
    const start = { aggregate, state: usable.state, version: usable.version };
    return fold({ ...start, position: first.position }, events.slice(1));
  }
  return fold(fromStart(aggregate), usable ? await readStream(db, stream) : events);
}

const fromStart = (aggregate: AnyAggregate): Folded => ({
  aggregate,
  state: aggregate.initialState(),
  version: 0,
  position: 0,
});

/** The state of a stream from all its events, in version order. */
export function foldAll(aggregate: AnyAggregate, events: readonly RecordedEvent[]): LoadedStream {
  return asLoaded(fold(fromStart(aggregate), events));
}

const asLoaded = ({ state, version, position }: Folded): LoadedStream => ({
  state,
  version,
  head: position,
});

function fold(start: Folded, events: readonly RecordedEvent[]): Folded {
  const last = events.at(-1);
  return {
    aggregate: start.aggregate,
    state: events.reduce<unknown>(
      (current, event) => start.aggregate.evolve(current, event),
      start.state,
    ),
    version: last?.version ?? start.version,
    position: last?.position ?? start.position,
  };
}
