import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { handlerFor, projectEvent, projectionKey } from '../../src/core/projection';
import type { LogbookDatabase } from '../db/database';
import type { Settlement } from '../db/syncStates';
import { recordFailure } from './projectionFailure';
import { readViewRows } from './readViewRows';
import type { ViewsReadAhead } from './readViewsAhead';
import { toViewRow } from './viewRows';

/** The events a projection has a handler for, the key of each, and the keys they touch. */
export function touchedKeys(projection: AnyProjection, events: readonly RecordedEvent[]) {
  const relevant = events.filter((event) => handlerFor(projection, event));
  const keyOf = new Map(relevant.map((event) => [event, projectionKey(projection, event)]));
  return { relevant, keyOf, keys: [...new Set(keyOf.values())] };
}

/**
 * Folds events into `values` (a view's absence is `undefined`), each at its key in `keyOf`.
 * A throwing handler becomes a ProjectionFailedError naming the event.
 */
export function foldInto(
  projection: AnyProjection,
  values: Map<string, Json | undefined>,
  events: readonly RecordedEvent[],
  keyOf: ReadonlyMap<RecordedEvent, string>,
): void {
  for (const event of events) {
    const key = keyOf.get(event) as string;
    const next = projectEvent(projection, values.get(key), event);
    values.set(key, next === null ? undefined : next);
  }
}

/**
 * Folds new events into one projection's stored views, inside the transaction that writes the
 * events. A throwing handler throws ProjectionFailedError and writes nothing of the projection.
 * Reads each touched view once and writes it once, however many events touch it.
 */
export async function applyProjection(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  settlement: Settlement,
  ahead?: ViewsReadAhead,
): Promise<void> {
  const { relevant, keyOf, keys } = touchedKeys(projection, events);
  if (relevant.length === 0) return;
  const readAhead = await ahead?.get(projection.name);
  const { rows, bases } =
    readAhead && keys.every((key) => readAhead.has(key))
      ? {
          rows: keys.map((key) => readAhead.get(key)?.row),
          bases: keys.map((key) => readAhead.get(key)?.base),
        }
      : await readTouched(db, projection, keys, settlement);
  const before = keys.map((key, i) => [key, rows[i]?.value] as const);
  const views = new Map<string, Json | undefined>(before);
  foldInto(projection, views, relevant, keyOf);

  const puts = [...views].filter(([, value]) => value !== undefined);
  const deletes = [...views].filter(([, value]) => value === undefined);
  // A tentative event keeps the value its view had before the first such event: its base.
  const newBases = settlement === 'unsettled' ? before.filter((_, i) => !bases[i]) : [];
  await Promise.all([
    newBases.length > 0 &&
      db.viewBases.bulkAdd(
        newBases.map(([key, value]) => ({
          projection: projection.name,
          key,
          value: value ?? null,
        })),
      ),
    puts.length > 0 &&
      db.views.bulkPut(puts.map(([key, value]) => toViewRow(projection, key, value as Json))),
    deletes.length > 0 && db.views.bulkDelete(deletes.map(([key]) => [projection.name, key])),
  ]);
}

/** The stored views at `keys`, and for tentative events their kept bases. */
async function readTouched(
  db: LogbookDatabase,
  projection: AnyProjection,
  keys: readonly string[],
  settlement: Settlement,
) {
  // Issued together: IndexedDB answers them in order, without a round trip between.
  const [rows, bases] = await Promise.all([
    readViewRows(db.views, projection.name, keys),
    settlement === 'unsettled' ? readViewRows(db.viewBases, projection.name, keys) : [],
  ]);
  return { rows, bases };
}

/** The projections new events go to: those ready at their current version. */
export async function readyProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
): Promise<AnyProjection[]> {
  const states = await db.projections.bulkGet(projections.map((projection) => projection.name));
  return projections.filter((projection, i) => {
    const state = states[i];
    return state?.status === 'ready' && state.version === projection.version;
  });
}

export interface ApplyOptions {
  /**
   * What the caller read alongside its write: which projections are ready, and the views the
   * events were expected to touch.
   */
  readFirst?: { ready: Promise<AnyProjection[]>; ahead: ViewsReadAhead };
  /**
   * `abort` for the device's own new events: a throwing projection refuses them, the append with
   * them. `markFailed` (the default) for events from elsewhere (pulled, rebased on them,
   * imported), already part of the log: the projection is marked failed and the rest go on.
   */
  onFailure?: 'abort' | 'markFailed';
}

/**
 * Applies the events to every projection that is ready; one still rebuilding catches up itself,
 * one failed waits for its rebuild. Projections are applied side by side.
 */
export async function applyProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  events: readonly RecordedEvent[],
  settlement: Settlement,
  { readFirst, onFailure = 'markFailed' }: ApplyOptions = {},
): Promise<void> {
  if (projections.length === 0 || events.length === 0) return;
  const applying = await (readFirst?.ready ?? readyProjections(db, projections));
  await Promise.all(
    applying.map((projection) => {
      const applied = applyProjection(db, projection, events, settlement, readFirst?.ahead);
      return onFailure === 'abort' ? applied : applied.catch((error) => recordFailure(db, error));
    }),
  );
}
