import { Dexie } from 'dexie';
import type { RecordedEvent } from '../../src/core/events';
import type { EventRow, LogbookDatabase } from './database';

/**
 * Where an event stands with the server, the one name of each state:
 * - `pending`: recorded here, no server has accepted it yet; its `serverPosition` is null.
 * - `accepted`: a server acknowledged it at a server position past this device's pull cursor,
 *   with other devices' events possibly before it that this device has not pulled yet.
 * - `settled`: final, at its server position, which is at or below the pull cursor.
 *
 * An event moves only forward (pending, then accepted or straight to settled), except that a
 * rebase or a rejection takes pending events out of the log. The fast paths rely on these:
 * - Only pending events ever leave the log, and they are always the tail of their stream: every
 *   accepted or settled event of a stream comes before its pending ones.
 * - Local positions are never reused (the key generator never hands one out twice), so the
 *   position of a stream's last event tells whether the stream changed (`StreamHead`).
 * - Every server position up to the pull cursor is settled here, so the views show settled events
 *   in server order, before every unsettled one, and a view less its unsettled events is final.
 * - Reads give events without their mark: a read event is pending exactly when its
 *   `serverPosition` is null; accepted and settled ones tell apart only by the mark.
 */
export type SyncState = 'pending' | 'accepted' | 'settled';

/**
 * The mark an unsettled event's row carries (`sync`). Settled events have none, so the sparse
 * `[sync+position]` index holds only unsettled ones, in log order, and costs nothing for the rest.
 */
export type SyncMark = Exclude<SyncState, 'settled'>;

const UNSETTLED = ['pending', 'accepted'] as const satisfies readonly SyncMark[];

/**
 * How projections apply events: `settled` ones are final and in server order; `unsettled` ones
 * (pending or accepted) may be rewound when other devices' events arrive, so the value each view
 * had before the first of them is kept as its base.
 */
export type Settlement = 'settled' | 'unsettled';

/**
 * The phases of replay order, stored by a rebuild (so named as they were): `confirmed` holds the
 * accepted and settled events, by server position, then `pending` the pending ones, by position.
 */
export type ReplayPhase = 'confirmed' | 'pending';

/** Whether a read event is pending (see `SyncState`). */
export const isPending = (event: Pick<RecordedEvent, 'serverPosition'>) =>
  event.serverPosition === null;

/** How a new local event is stored: marked pending until a server accepts it. */
export const asPending = (event: Omit<EventRow, 'position'>) =>
  ({ ...event, sync: 'pending' }) as EventRow;

const marked = (db: LogbookDatabase, mark: SyncMark, after = 0) =>
  db.events.where('[sync+position]').between([mark, after], [mark, Dexie.maxKey], false);

/** Events no server has accepted yet, in log order. */
export const pendingAfter = (db: LogbookDatabase, after = 0) => marked(db, 'pending', after);

/** Events no server has accepted yet, oldest first. */
export async function pendingEvents(
  db: LogbookDatabase,
  limit = Number.POSITIVE_INFINITY,
): Promise<RecordedEvent[]> {
  const pending = pendingAfter(db);
  return (await (limit === Number.POSITIVE_INFINITY
    ? pending
    : pending.limit(limit)
  ).toArray()) as RecordedEvent[];
}

/** Accepted and settled events after server position `after`, by server position. */
export const confirmedAfter = (db: LogbookDatabase, after: number) =>
  db.events.where('serverPosition').above(after);

/** The positions of the oldest `count` unsettled events (or more), in log order. */
export async function oldestUnsettledPositions(
  db: LogbookDatabase,
  count: number,
): Promise<number[]> {
  const keys = await Promise.all(
    UNSETTLED.map((mark) => marked(db, mark).limit(count).primaryKeys()),
  );
  return keys.flat().sort((a, b) => a - b);
}

/** Every unsettled event (pending, or accepted but not pulled back yet), in log order. */
export async function unsettledEvents(db: LogbookDatabase): Promise<RecordedEvent[]> {
  const rows = await Promise.all(UNSETTLED.map((mark) => marked(db, mark).toArray()));
  return rows.flat().sort((a, b) => a.position - b.position) as RecordedEvent[];
}

/** The positions of unsettled events from `from` to `to`, for a rebuild to tell them apart. */
export async function unsettledPositions(
  db: LogbookDatabase,
  from: number,
  to: number,
): Promise<Set<number>> {
  const keys = await Promise.all(
    UNSETTLED.map((mark) =>
      db.events
        .where('[sync+position]')
        .between([mark, from], [mark, to], true, true)
        .primaryKeys(),
    ),
  );
  return new Set(keys.flat());
}

type AtServerPosition = Pick<RecordedEvent, 'position' | 'serverPosition'>;

/**
 * Gives events their server positions and the mark of their new state. An update, not a put of
 * the events as read, which reads give in their current shape: the log keeps each as it was stored.
 */
async function remark(
  db: LogbookDatabase,
  events: readonly AtServerPosition[],
  sync: SyncMark | undefined,
): Promise<void> {
  await db.events.bulkUpdate(
    events.map(({ position, serverPosition }) => ({
      key: position,
      changes: { serverPosition, sync },
    })),
  );
}

/** Marks events accepted at their server positions. */
export const markAccepted = (db: LogbookDatabase, events: readonly AtServerPosition[]) =>
  remark(db, events, 'accepted');

/** Settles events at their server positions: their sync mark goes. */
export const markSettled = (db: LogbookDatabase, events: readonly AtServerPosition[]) =>
  remark(db, events, undefined);
