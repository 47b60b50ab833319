import type { AnyProjection } from '../../src/core/domain';
import type { LogbookDatabase, ProjectionStateRow } from '../db/database';
import { REPLAY_PHASES } from '../db/syncStates';
import { applyProjection } from './applyProjections';
import { failureOf } from './projectionFailure';
import { type ReplayPage, replayPage } from './replayOrder';
import { basesOf, viewsOf } from './viewRows';

/**
 * Marks every new or changed projection for a rebuild: its views go, and it is replayed from the
 * start. With an empty log there is nothing to replay: it is ready at once. A rebuild stored in a
 * phase this version does not know (an older version's replay order) starts again too.
 */
export async function resetChangedProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
): Promise<void> {
  await db.transaction('rw', db.projections, db.views, db.viewBases, db.events, async () => {
    for (const projection of projections) {
      const state = await db.projections.get(projection.name);
      const oldPhase =
        state?.status === 'rebuilding' &&
        !(REPLAY_PHASES as readonly string[]).includes(state.phase);
      if (state?.version !== projection.version || oldPhase) await resetProjection(db, projection);
    }
  });
}

/**
 * Starts every rebuild under way again from the start, whatever its phase and progress. A rebuild
 * replays the log in replay order, and a sync moves events within that order (pending ones
 * accepted or settled, other devices' ones placed before them): possibly behind where the rebuild
 * has got to, where it would miss them. Having replayed nothing says nothing: a rebuild in its
 * pending phase has passed the confirmed events, however few there were.
 */
export async function restartRebuilds(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
): Promise<void> {
  const states = await db.projections.bulkGet(projections.map((projection) => projection.name));
  const underWay = projections.filter((_, i) => states[i]?.status === 'rebuilding');
  for (const projection of underWay) await resetProjection(db, projection);
}

/** Drops a projection's views and marks it to be replayed from the start of the log. */
export async function resetProjection(db: LogbookDatabase, projection: AnyProjection) {
  await db.transaction('rw', db.projections, db.views, db.viewBases, db.events, async () => {
    // One key, not a count: counting walks the whole log.
    const empty = (await db.events.limit(1).primaryKeys()).length === 0;
    await viewsOf(db, projection.name).delete();
    await basesOf(db, projection.name).delete();
    await db.projections.put({
      name: projection.name,
      version: projection.version,
      status: empty ? 'ready' : 'rebuilding',
      phase: 'settled',
      position: 0,
      processed: 0,
    });
  });
}

/**
 * Replays every rebuilding projection from the log in batches, each batch one transaction, so a
 * rebuild cut short (a reload, a closed tab) resumes where it stopped. Appends skip a rebuilding
 * projection; the rebuild catches up to them. `stopped` is checked between batches.
 */
export async function rebuildProjections(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  { batchSize = 1000, stopped = () => false }: { batchSize?: number; stopped?: () => boolean } = {},
): Promise<void> {
  for (const projection of projections) {
    let left: ProjectionStateRow | undefined;
    while (!stopped()) {
      left = await replayBatch(db, projection, batchSize, left);
      if (left?.status !== 'rebuilding') break;
      await letQueuedWorkRun();
    }
  }
}

/** The next batch in replay order, from where the rebuild has got to. */
function nextBatch(
  db: LogbookDatabase,
  state: ProjectionStateRow,
  batchSize: number,
): Promise<ReplayPage> {
  return replayPage(db, state.phase, state.position, batchSize);
}

/** Whether a batch read for `left` is the one `state` reads: it depends on the phase and place only. */
const readsTheSame = (state: ProjectionStateRow, left: ProjectionStateRow) =>
  state.phase === left.phase && state.position === left.position;

/**
 * Replays the next batch of the log into the projection and returns its new state. The batch is
 * read alongside the state, from where the last batch `left` it: when the stored state says
 * otherwise (another tab rebuilt meanwhile, or reset it), it is read again from there. A handler
 * that throws marks the projection failed on that event, which ends the rebuild.
 */
async function replayBatch(
  db: LogbookDatabase,
  projection: AnyProjection,
  batchSize: number,
  left: ProjectionStateRow | undefined,
): Promise<ProjectionStateRow | undefined> {
  return db.transaction('rw', [db.events, db.views, db.projections, db.viewBases], async () => {
    const [state, guessed] = await Promise.all([
      db.projections.get(projection.name),
      left && nextBatch(db, left, batchSize),
    ]);
    if (state?.status !== 'rebuilding') return state;
    const { events, place } =
      guessed && left && readsTheSame(state, left)
        ? guessed
        : await nextBatch(db, state, batchSize);
    const failure = await applyProjection(db, projection, events, state.phase).then(
      () => undefined,
      failureOf,
    );
    if (failure) {
      const failed: ProjectionStateRow = { ...state, status: 'failed', failure };
      await db.projections.put(failed);
      return failed;
    }
    const phaseDone = events.length < batchSize;
    const processed = state.processed + events.length;
    const next: ProjectionStateRow =
      phaseDone && state.phase === 'settled'
        ? { ...state, processed, phase: 'unsettled', position: 0 }
        : { ...state, processed, status: phaseDone ? 'ready' : 'rebuilding', position: place };
    await db.projections.put(next);
    return next;
  });
}

/**
 * Waits one task, so commands and live queries queued behind a batch run before the next one: a
 * rebuild in the background must not starve the foreground. A message, not a timer, which
 * browsers clamp to 4 ms once nested.
 */
function letQueuedWorkRun(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
