import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { handlerFor, projectEvent, projectionKey } from '../../src/core/projection';
import type { LogbookDatabase, ViewBaseRow, ViewRow } from '../db/database';
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

/** What folding events into one projection writes: its views put and deleted, the bases kept. */
export interface ViewWrites {
  puts: ViewRow[];
  deletes: [string, string][];
  bases: ViewBaseRow[];
}

/**
 * Folds new events into one projection's stored views, inside the transaction that writes the
 * events, and returns what to write (`writeViews`); undefined when no event concerns it. A
 * throwing handler throws ProjectionFailedError. Reads each touched view once, and each is
 * written once however many events touch it.
 */
export async function foldProjection(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  settlement: Settlement,
  ahead?: ViewsReadAhead,
): Promise<ViewWrites | undefined> {
  const { relevant, keyOf, keys } = touchedKeys(projection, events);
  if (relevant.length === 0) return undefined;
  const readAhead = await ahead?.get(projection.name);
  const { rows, bases } =
    readAhead && keys.every((key) => readAhead.has(key))
      ? {
          rows: keys.map((key) => readAhead.get(key)?.row),
          bases: keys.map((key) => readAhead.get(key)?.base),
        }
      : await readTouched(db, projection, keys, settlement);
  const views = new Map<string, Json | undefined>(keys.map((key, i) => [key, rows[i]?.value]));
  foldInto(projection, views, relevant, keyOf);

  // A tentative event keeps the value its view had before the first such event: its base. Where
  // there was no view, that is absence, kept as a mark on the view rather than a row of its own.
  const unsettled = settlement === 'unsettled';
  const baseAbsent = new Set(
    keys.filter((_, i) => unsettled && !bases[i] && (!rows[i] || rows[i].baseAbsent)),
  );
  const newBases = keys.flatMap((key, i) => {
    const row = rows[i];
    return unsettled && !bases[i] && row && !row.baseAbsent ? [{ key, value: row.value }] : [];
  });
  const written = [...views];
  return {
    puts: written.flatMap(([key, value]) =>
      value === undefined ? [] : [toViewRow(projection, key, value, baseAbsent.has(key))],
    ),
    deletes: written.flatMap(([key, value]) =>
      value === undefined ? [[projection.name, key] as [string, string]] : [],
    ),
    bases: newBases.map(({ key, value }) => ({ projection: projection.name, key, value })),
  };
}

/** The tables views are written to: the database's, or the same bound to one transaction. */
export type ViewTables = Pick<LogbookDatabase, 'views' | 'viewBases'>;

/** Issues a fold's writes, all at once: a base is added only where this transaction read none. */
export function writeViews(db: ViewTables, { puts, deletes, bases }: ViewWrites) {
  return Promise.all([
    bases.length > 0 && db.viewBases.bulkAdd(bases),
    puts.length > 0 && db.views.bulkPut(puts),
    deletes.length > 0 && db.views.bulkDelete(deletes),
  ]);
}

/** Folds new events into one projection's stored views and writes them (`foldProjection`). */
export async function applyProjection(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  settlement: Settlement,
): Promise<void> {
  const writes = await foldProjection(db, projection, events, settlement);
  if (writes) await writeViews(db, writes);
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

/** What a local write reads alongside its append: which projections are ready, and their views. */
export interface ReadFirst {
  ready: Promise<AnyProjection[]>;
  ahead: ViewsReadAhead;
}

/**
 * Applies events from elsewhere (pulled, rebased on them, imported), already part of the log, to
 * every projection that is ready, side by side: one still rebuilding catches up itself, one failed
 * waits for its rebuild, and one that throws on them is marked failed while the rest go on.
 */
export async function applyProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  events: readonly RecordedEvent[],
  settlement: Settlement,
): Promise<void> {
  if (projections.length === 0 || events.length === 0) return;
  const applying = await readyProjections(db, projections);
  await Promise.all(
    applying.map((projection) =>
      applyProjection(db, projection, events, settlement).catch((error) =>
        recordFailure(db, error),
      ),
    ),
  );
}

/**
 * What the device's own new events write into every projection that is ready, folded side by side
 * from the views read first. A throwing handler throws: it refuses the events, the append with them.
 */
export async function foldNewEvents(
  db: LogbookDatabase,
  events: readonly RecordedEvent[],
  readFirst: ReadFirst,
): Promise<ViewWrites[]> {
  const folds = await Promise.all(
    (await readFirst.ready).map((projection) =>
      foldProjection(db, projection, events, 'unsettled', readFirst.ahead),
    ),
  );
  return folds.filter((writes) => writes !== undefined);
}
