import type { AnyProjection } from '../../src/core/domain';
import { ProjectionFailedError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import { handlerFor, projectionKey } from '../../src/core/projection';
import type { LogbookDatabase } from '../store/database';
import { toViewRow } from './viewRows';

/**
 * `settled` events are final and in server order. `tentative` ones (pending, or not yet pulled back)
 * may be rewound when other devices' events arrive, so the value each view had before the first
 * of them is kept as its base.
 */
export type Settlement = 'settled' | 'tentative';

/**
 * Folds new events into one projection's stored views. Must run inside the transaction that
 * appends the events: a throwing handler aborts the append with it.
 * Reads each touched view once and writes it once, however many events touch it.
 */
export async function applyProjection(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  settlement: Settlement,
): Promise<void> {
  const relevant = events.filter((event) => handlerFor(projection, event));
  if (relevant.length === 0) return;
  const keyOf = new Map(relevant.map((event) => [event, projectionKey(projection, event)]));
  const keys = [...new Set(keyOf.values())];
  const rows = await db.views.bulkGet(keys.map((key) => [projection.name, key]));
  const before = keys.map((key, i) => [key, rows[i]?.value] as const);
  if (settlement === 'tentative') await keepBases(db, projection.name, before);
  const views = new Map<string, Json | undefined>(before);

  for (const event of relevant) {
    const key = keyOf.get(event) as string;
    const handler = handlerFor(projection, event) as NonNullable<ReturnType<typeof handlerFor>>;
    try {
      const next = handler(views.get(key), event);
      views.set(key, next === null ? undefined : next);
    } catch (error) {
      throw new ProjectionFailedError({
        projection: projection.name,
        eventId: event.id,
        eventType: event.type,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  const puts = [...views].filter(([, value]) => value !== undefined);
  const deletes = [...views].filter(([, value]) => value === undefined);
  if (puts.length > 0) {
    await db.views.bulkPut(puts.map(([key, value]) => toViewRow(projection, key, value as Json)));
  }
  if (deletes.length > 0) {
    await db.views.bulkDelete(deletes.map(([key]) => [projection.name, key]));
  }
}

/** Remembers a view's value from before the first tentative event that touches it. */
async function keepBases(
  db: LogbookDatabase,
  projection: string,
  before: readonly (readonly [string, Json | undefined])[],
): Promise<void> {
  const ids = before.map(([key]) => [projection, key] as [string, string]);
  const existing = await db.viewBases.bulkGet(ids);
  const fresh = before.filter((_, i) => existing[i] === undefined);
  if (fresh.length === 0) return;
  await db.viewBases.bulkAdd(
    fresh.map(([key, value]) => ({ projection, key, value: value ?? null })),
  );
}

/** Applies the events to every projection that is ready; one still rebuilding catches up itself. */
export async function applyProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  events: readonly RecordedEvent[],
  settlement: Settlement,
): Promise<void> {
  if (projections.length === 0 || events.length === 0) return;
  const states = await db.projections.bulkGet(projections.map((projection) => projection.name));
  for (const [i, projection] of projections.entries()) {
    const state = states[i];
    if (state?.status === 'ready' && state.version === projection.version) {
      await applyProjection(db, projection, events, settlement);
    }
  }
}
