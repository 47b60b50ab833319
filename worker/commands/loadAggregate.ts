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
  const kept = keptByDatabase.get(db) ?? new Map<string, Folded>();
  keptByDatabase.set(db, kept);
  const before = kept.get(stream);
  let loaded: Folded | undefined;
  if (before?.aggregate === aggregate) {
    const events = await readStream(db, stream, { from: before.version });
    // The same event still at that version means nothing before it changed (see `StreamHead`).
    if (events[0]?.position === before.position) loaded = fold(before, events.slice(1));
  }
  loaded ??= await foldFromLog(db, aggregate, stream);
  kept.delete(stream);
  if (loaded.version > 0) kept.set(stream, loaded);
  if (kept.size > MAX_KEPT_STREAMS) kept.delete(kept.keys().next().value as string);
  return { state: loaded.state, version: loaded.version, head: loaded.position };
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
  const all = usable ? await readStream(db, stream) : events;
  return fold({ aggregate, state: aggregate.initialState(), version: 0, position: 0 }, all);
}

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
