import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase, ProjectionStateRow } from '../store/database';
import { applyProjection, type Settlement } from './applyProjections';
import { basesOf, viewsOf } from './viewRows';

const REBUILD_BATCH = 500;

/**
 * Brings every projection to its declared version: a new or changed projection loses its views and
 * is replayed from the log in batches, each batch one transaction, so a rebuild cut short resumes
 * where it stopped. Appends skip a rebuilding projection; the rebuild catches up to them.
 */
export async function rebuildProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
): Promise<void> {
  for (const projection of projections) {
    await resetIfChanged(db, projection);
    while (!(await replayBatch(db, projection))) {
      // each batch commits on its own
    }
  }
}

async function resetIfChanged(db: LogbookDatabase, projection: AnyProjection): Promise<void> {
  await db.transaction('rw', db.projections, db.views, db.viewBases, async () => {
    const state = await db.projections.get(projection.name);
    if (state?.version === projection.version) return;
    await viewsOf(db, projection.name).delete();
    await basesOf(db, projection.name).delete();
    await db.projections.put({
      name: projection.name,
      version: projection.version,
      status: 'rebuilding',
      phase: 'confirmed',
      position: 0,
    });
  });
}

/**
 * The next batch in replay order: confirmed events by server position, then pending ones by
 * local position.
 */
async function nextBatch(db: LogbookDatabase, state: ProjectionStateRow): Promise<RecordedEvent[]> {
  const rows =
    state.phase === 'confirmed'
      ? db.events.where('serverPosition').above(state.position)
      : db.events
          .where('position')
          .above(state.position)
          .filter((event) => event.serverPosition === null);
  return (await rows.limit(REBUILD_BATCH).toArray()) as RecordedEvent[];
}

/** Consecutive events that share a settlement, so each run is applied in one go. */
function runsBySettlement(events: RecordedEvent[], unsettled: Set<number>) {
  const runs: { settlement: Settlement; events: RecordedEvent[] }[] = [];
  for (const event of events) {
    const settlement: Settlement = unsettled.has(event.position) ? 'tentative' : 'settled';
    const last = runs.at(-1);
    if (last?.settlement === settlement) last.events.push(event);
    else runs.push({ settlement, events: [event] });
  }
  return runs;
}

/** Replays the next batch of the log into the projection; true once it is ready. */
async function replayBatch(db: LogbookDatabase, projection: AnyProjection): Promise<boolean> {
  return db.transaction(
    'rw',
    [db.events, db.views, db.projections, db.unsettled, db.viewBases],
    async () => {
      const state = await db.projections.get(projection.name);
      if (!state || state.status === 'ready') return true;
      const events = await nextBatch(db, state);
      const unsettled = new Set(
        await db.unsettled
          .where('position')
          .anyOf(events.map((event) => event.position))
          .primaryKeys(),
      );
      for (const run of runsBySettlement(events, unsettled)) {
        await applyProjection(db, projection, run.events, run.settlement);
      }
      const last = events.at(-1);
      const phaseDone = events.length < REBUILD_BATCH;
      const next: ProjectionStateRow =
        phaseDone && state.phase === 'confirmed'
          ? { ...state, phase: 'pending', position: 0 }
          : {
              ...state,
              status: phaseDone ? 'ready' : 'rebuilding',
              position: last
                ? state.phase === 'confirmed'
                  ? (last.serverPosition as number)
                  : last.position
                : state.position,
            };
      await db.projections.put(next);
      return next.status === 'ready';
    },
  );
}
