import type { AnyProjection } from '../../src/core/domain';
import type { ServerEvent } from '../../src/core/syncProtocol';
import type { EventRow, LogbookDatabase } from '../db/database';
import { oldestUnsettledPositions } from '../db/syncStates';
import { readyProjections } from '../projections/applyProjections';
import { recordFailure } from '../projections/projectionFailure';
import { settleBases, unmarkViews } from '../projections/settleBases';
import { putSettled } from './putSettled';

/**
 * Settles a page of this device's own events when they are its oldest unsettled events and lie in
 * the log in server order too (an unsettled event of another scope between them does not). The
 * views then already show them right after the settled ones, in the order they now settle in:
 * their values stay as they are, and only the kept bases move forward (a view loses its
 * `baseAbsent` mark once its base is a value, or nothing is unsettled), with nothing rewound and
 * nothing else re-applied. `known` are the page's events in the log, as raw rows read in the running
 * transaction. Returns false, having written nothing, when the page does not qualify.
 */
export async function settleOwnInOrder(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  page: readonly ServerEvent[],
  known: ReadonlyMap<string, EventRow>,
  settledBefore: number,
): Promise<boolean> {
  const own = page.map((event) => known.get(event.id));
  if (own.some((row) => row === undefined)) return false;
  const marks = (own as EventRow[]).map((row, i) => ({
    row,
    serverPosition: (page[i] as ServerEvent).position,
    settled: settledBefore + 1 + i,
  }));
  const oldest = await oldestUnsettledPositions(db, page.length + 1);
  if (marks.some(({ row }, i) => row.position !== oldest[i])) return false;

  // Nothing staying unsettled, every view is now settled: no base is needed any more, nor a mark.
  const allSettled = oldest.length === page.length;
  const [ready] = await Promise.all([
    readyProjections(db, projections),
    putSettled(db, marks),
    allSettled && db.viewBases.clear(),
  ]);
  const settled = marks.map(({ row, serverPosition }) => ({ ...db.recorded(row), serverPosition }));
  const move = allSettled ? unmarkViews : settleBases;
  // A handler that now throws on events it took as they were appended (changed without a new
  // version) fails its projection, as an event from elsewhere would: the pull goes on.
  await Promise.all(
    ready.map((projection) =>
      move(db, projection, settled).catch((error) => recordFailure(db, error)),
    ),
  );
  return true;
}
