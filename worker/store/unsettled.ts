import { Dexie } from 'dexie';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase, SyncMark } from './database';

const marked = (db: LogbookDatabase, mark: SyncMark, after = 0) =>
  db.events.where('[sync+position]').between([mark, after], [mark, Dexie.maxKey], false);

/** Events no server has accepted yet, in log order. */
export const pendingAfter = (db: LogbookDatabase, after = 0) => marked(db, 'pending', after);

/** The positions of the oldest `count` unsettled events (or more), in log order. */
export async function oldestUnsettledPositions(
  db: LogbookDatabase,
  count: number,
): Promise<number[]> {
  const keys = await Promise.all(
    (['pending', 'accepted'] as const).map((mark) => marked(db, mark).limit(count).primaryKeys()),
  );
  return keys.flat().sort((a, b) => a - b);
}

/** Every unsettled event (pending, or accepted but not pulled back yet), in log order. */
export async function unsettledEvents(db: LogbookDatabase): Promise<RecordedEvent[]> {
  const [pending, accepted] = await Promise.all([
    marked(db, 'pending').toArray(),
    marked(db, 'accepted').toArray(),
  ]);
  return [...pending, ...accepted].sort((a, b) => a.position - b.position) as RecordedEvent[];
}

/**
 * Settles events at their server positions: their sync mark goes. An update, not a put of the
 * events as read, which reads give in their current shape: the log keeps each as it was stored.
 */
export async function markSettled(
  db: LogbookDatabase,
  events: readonly Pick<RecordedEvent, 'position' | 'serverPosition'>[],
): Promise<void> {
  await db.events.bulkUpdate(
    events.map(({ position, serverPosition }) => ({
      key: position,
      changes: { serverPosition, sync: undefined },
    })),
  );
}

/** The positions of unsettled events from `from` to `to`, for a rebuild to tell them apart. */
export async function unsettledPositions(
  db: LogbookDatabase,
  from: number,
  to: number,
): Promise<Set<number>> {
  const keys = await Promise.all(
    (['pending', 'accepted'] as const).map((mark) =>
      db.events
        .where('[sync+position]')
        .between([mark, from], [mark, to], true, true)
        .primaryKeys(),
    ),
  );
  return new Set(keys.flat());
}
