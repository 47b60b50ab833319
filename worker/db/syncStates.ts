import { Dexie } from 'dexie';
import type { RecordedEvent } from '../../src/core/events';
import type { EventRow, LogbookDatabase } from './database';

/**
 * Where an event stands with the server, the one name of each state:
 * - `pending`: recorded here, no server has accepted it yet; its `serverPosition` is null.
 * - `accepted`: a server acknowledged it at a server position past this device's pull cursor of
 *   its scope, with other devices' events possibly before it that this device has not pulled yet.
 * - `settled`: final, at its server position, which is at or below the pull cursor of its scope.
 *
 * Each scope has its own server positions and its own pull cursor (`pullCursor.ts`): scope A's 5
 * and scope B's 5 say nothing of each other. So the log keeps the order it settled events in:
 * each settled row holds its settle order (`settled`: 1, 2, 3, ... without a gap), given a
 * page's events in server order as they settle. Replay order, what every projection equals a
 * replay of, is settled events by settle order, then unsettled ones (accepted and pending) by
 * local position. With one scope, settle order is server order.
 *
 * An event moves only forward (pending, then accepted or straight to settled), except that a
 * rebase or a rejection takes pending events out of the log. The fast paths rely on these:
 * - Only pending events ever leave the log, and they are always the tail of their stream: every
 *   accepted or settled event of a stream comes before its pending ones.
 * - A stream's versions run 1, 2, 3 without a gap (a tail leaves whole, what comes in comes in
 *   order), and `[stream+version]` is unique: adding version n + 1 proves a stream holding
 *   version n ends there, and adding version 1 that it is empty (`provenByTheirAdd`).
 * - Local positions are never reused (the key generator never hands one out twice), so the
 *   position of a stream's last event tells whether the stream changed (`StreamHead`).
 * - A pending row is never changed in place: it leaves the pending state (accepted, settled) or
 *   the log. So a row read while pending whose position is still pending is still the same row
 *   (a push's acknowledgment takes its rows from the read that pushed them: `confirmEvents`).
 * - Every server position of a scope up to its pull cursor is settled here, and an event settles
 *   after every one settled before it: the views show settled events in settle order, before every
 *   unsettled one, and a view less its unsettled events is final.
 * - Reads give events without their state: a read event is pending exactly when its
 *   `serverPosition` is null; accepted and settled ones tell apart only by the row.
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
 * The phases of replay order, stored by a rebuild: `settled` holds the settled events by settle
 * order, then `unsettled` the accepted and pending ones by local position. Each phase's events
 * are applied with the settlement of its name.
 */
export const REPLAY_PHASES = ['settled', 'unsettled'] as const satisfies readonly Settlement[];
export type ReplayPhase = (typeof REPLAY_PHASES)[number];

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

/**
 * The oldest `limit` pending events as raw rows (as stored: with their sync mark, not upcast),
 * oldest first; `db.recorded` gives each as a read would.
 */
export async function pendingRows(db: LogbookDatabase, limit: number): Promise<EventRow[]> {
  return pendingAfter(db).limit(limit).raw().toArray();
}

/** The positions of the pending events from `least` to `greatest`, keys only. */
export async function pendingPositionsBetween(
  db: LogbookDatabase,
  least: number,
  greatest: number,
): Promise<number[]> {
  return db.events
    .where('[sync+position]')
    .between(['pending', least], ['pending', greatest], true, true)
    .primaryKeys();
}

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

/** Settled events after settle order `after`, in settle order. */
export const settledAfter = (db: LogbookDatabase, after: number) =>
  db.events.where('settled').above(after);

/** The settle order of the event that settled last (0 when none has). */
export async function lastSettled(db: LogbookDatabase): Promise<number> {
  return ((await db.events.orderBy('settled').lastKey()) as number | undefined) ?? 0;
}

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

/**
 * Unsettled events (pending, or accepted but not pulled back yet) after local position `after`,
 * in log order: every one, or the next `limit`.
 */
export async function unsettledAfter(
  db: LogbookDatabase,
  after = 0,
  limit = Number.POSITIVE_INFINITY,
): Promise<RecordedEvent[]> {
  const rows = await Promise.all(
    UNSETTLED.map((mark) => marked(db, mark, after).limit(limit).toArray()),
  );
  return (rows.flat() as RecordedEvent[]).sort((a, b) => a.position - b.position).slice(0, limit);
}

type AtServerPosition = Pick<RecordedEvent, 'position' | 'serverPosition'>;

/** Marks events accepted at their server positions. An update: the log keeps each as stored. */
export async function markAccepted(
  db: LogbookDatabase,
  events: readonly AtServerPosition[],
): Promise<void> {
  await db.events.bulkUpdate(
    events.map(({ position, serverPosition }) => ({
      key: position,
      changes: { serverPosition, sync: 'accepted' },
    })),
  );
}

/** Settles events at their server positions and settle orders: their sync mark goes. */
export async function markSettled(
  db: LogbookDatabase,
  events: readonly (AtServerPosition & { settled: number })[],
): Promise<void> {
  await db.events.bulkUpdate(
    events.map(({ position, serverPosition, settled }) => ({
      key: position,
      changes: { serverPosition, settled, sync: undefined },
    })),
  );
}
