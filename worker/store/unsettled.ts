import { Dexie } from 'dexie';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase, SyncMark } from './database';

const marked = (db: LogbookDatabase, mark: SyncMark, after = 0) =>
  db.events.where('[sync+position]').between([mark, after], [mark, Dexie.maxKey], false);

/** Events no server has accepted yet, in log order. */
export const pendingAfter = (db: LogbookDatabase, after = 0) => marked(db, 'pending', after);

/** Every unsettled event (pending, or accepted but not pulled back yet), in log order. */
export async function unsettledEvents(db: LogbookDatabase): Promise<RecordedEvent[]> {
  const [pending, accepted] = await Promise.all([
    marked(db, 'pending').toArray(),
    marked(db, 'accepted').toArray(),
  ]);
  return [...pending, ...accepted].sort((a, b) => a.position - b.position) as RecordedEvent[];
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
