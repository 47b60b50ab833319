import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase } from '../store/database';
import { applyProjection } from './applyProjections';
import { viewsOf } from './viewRows';

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
  await db.transaction('rw', db.projections, db.views, async () => {
    const state = await db.projections.get(projection.name);
    if (state?.version === projection.version) return;
    await viewsOf(db, projection.name).delete();
    await db.projections.put({
      name: projection.name,
      version: projection.version,
      status: 'rebuilding',
      position: 0,
    });
  });
}

/** Replays the next batch of the log into the projection; true once it is ready. */
async function replayBatch(db: LogbookDatabase, projection: AnyProjection): Promise<boolean> {
  return db.transaction('rw', db.events, db.views, db.projections, async () => {
    const state = await db.projections.get(projection.name);
    if (!state || state.status === 'ready') return true;
    const events = (await db.events
      .where('position')
      .above(state.position)
      .limit(REBUILD_BATCH)
      .toArray()) as RecordedEvent[];
    await applyProjection(db, projection, events);
    const done = events.length < REBUILD_BATCH;
    await db.projections.put({
      ...state,
      status: done ? 'ready' : 'rebuilding',
      position: events.at(-1)?.position ?? state.position,
    });
    return done;
  });
}
