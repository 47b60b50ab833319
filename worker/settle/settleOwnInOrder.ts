import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { ServerEvent } from '../../src/core/syncProtocol';
import type { LogbookDatabase } from '../db/database';
import { markSettled, oldestUnsettledPositions } from '../db/syncStates';
import { readyProjections } from '../projections/applyProjections';
import { settleBases } from '../projections/settleBases';

/**
 * Settles a page of this device's own events when they are its oldest unsettled events and lie in
 * the log in server order too (an unsettled event of another scope between them does not). The
 * views then already show them right after the settled ones, in the order they now settle in:
 * they stay as they are, and only the kept bases move forward, with nothing rewound and nothing
 * else re-applied. Returns false, having written nothing, when the page does not qualify.
 */
export async function settleOwnInOrder(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  page: readonly ServerEvent[],
  known: ReadonlyMap<string, RecordedEvent>,
  settledBefore: number,
): Promise<boolean> {
  const own = page.map((event) => known.get(event.id));
  if (own.some((event) => event === undefined)) return false;
  const settled = (own as RecordedEvent[]).map((event, i) => ({
    ...event,
    serverPosition: (page[i] as ServerEvent).position,
  }));
  const marks = settled.map(({ position, serverPosition }, i) => ({
    position,
    serverPosition,
    settled: settledBefore + 1 + i,
  }));
  const oldest = await oldestUnsettledPositions(db, page.length + 1);
  if (settled.some((event, i) => event.position !== oldest[i])) return false;

  if (oldest.length === page.length) {
    // Nothing stays unsettled: every view is now settled, so no base is needed any more.
    await Promise.all([markSettled(db, marks), db.viewBases.clear()]);
    return true;
  }
  const ready = await readyProjections(db, projections);
  await Promise.all([
    markSettled(db, marks),
    ...ready.map((projection) => settleBases(db, projection, settled)),
  ]);
  return true;
}
