import type { Domain } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { PullOutcome } from '../../src/core/store';
import type { ServerEvent } from '../../src/core/syncProtocol';
import { rebasePending } from '../commands/rebasePending';
import type { EventRow, LogbookDatabase } from '../db/database';
import { readPullCursor, writePullCursor } from '../db/pullCursor';
import { isPending, markSettled, unsettledEvents } from '../db/syncStates';
import { addToLog, removeFromLog } from '../log/appendStreams';
import { applyProjections } from '../projections/applyProjections';
import { restartRebuilds } from '../projections/rebuildProjections';
import { rewindViews } from '../projections/rewindViews';
import { writeTables } from '../write/writeEvents';
import { settleOwnInOrder } from './settleOwnInOrder';

export interface SettleContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
}

/** Replay order among unsettled events: accepted ones by server position, then pending ones. */
function byReplayOrder(a: RecordedEvent, b: RecordedEvent): number {
  const serverA = a.serverPosition ?? Number.POSITIVE_INFINITY;
  const serverB = b.serverPosition ?? Number.POSITIVE_INFINITY;
  return serverA !== serverB ? serverA - serverB : a.position - b.position;
}

/**
 * Writes a page's events in batched requests: this device's own ones are marked with their
 * server position and leave the unsettled set; other devices' new ones are added to the log.
 * Returns both in server order.
 */
async function settle(
  db: LogbookDatabase,
  fresh: readonly ServerEvent[],
  unsettledById: Map<string, RecordedEvent>,
  known: Set<string>,
): Promise<{ settled: RecordedEvent[]; received: RecordedEvent[] }> {
  const ours = fresh.flatMap((event) => {
    const own = unsettledById.get(event.id);
    return own ? [{ ...own, serverPosition: event.position }] : [];
  });
  const theirs = fresh
    .filter((event) => !unsettledById.has(event.id) && !known.has(event.id))
    .map(({ position, ...fields }) => ({ ...fields, serverPosition: position }));
  const [positions] = await Promise.all([
    addToLog(db, theirs as EventRow[]),
    markSettled(db, ours),
  ]);
  const received = theirs.map((row, i) => ({ ...row, position: positions[i] }) as RecordedEvent);
  const byId = new Map([...ours, ...received].map((event) => [event.id, event]));
  return { settled: fresh.flatMap((event) => byId.get(event.id) ?? []), received };
}

/**
 * Settles a page of server events, in one transaction (see `settlePage`), and rebases pending
 * commands that other devices' events conflict with.
 */
export function applyPulled(
  context: SettleContext,
  page: readonly ServerEvent[],
  nextCursor: number,
): Promise<PullOutcome> {
  const { db } = context;
  return db.transaction('rw', [...writeTables(db), db.meta], async () =>
    settlePage(context, page, nextCursor),
  );
}

/**
 * Settles server events up to `nextCursor`, inside a transaction over the write tables and meta.
 * `known` holds those already in the log, when the caller has read them. A page of this device's
 * own events in log order (the usual case) only moves the views' bases; anything else rewinds the
 * views and re-applies what is still unsettled on top.
 */
export async function settlePage(
  context: SettleContext,
  page: readonly ServerEvent[],
  nextCursor: number,
  known?: ReadonlyMap<string, RecordedEvent>,
): Promise<PullOutcome> {
  const { db, domain } = context;
  const cursor = await readPullCursor(db);
  const fresh = page.filter((event) => event.position > cursor);
  // Independent of what follows, so issued with the first read: the transaction keeps it or
  // nothing.
  const [rows] = await Promise.all([
    known ?? eventsById(db, fresh),
    writePullCursor(db, Math.max(cursor, nextCursor)),
    fresh.length > 0 && restartRebuilds(db, domain.projections),
  ]);
  const settledInPlace =
    fresh.length === 0 || (await settleOwnInOrder(db, domain.projections, fresh, rows));
  return settledInPlace
    ? { received: 0, rebased: 0, rejected: [] }
    : rewindAndSettle(context, fresh, new Set(rows.keys()));
}

/** The events of the page already in the log, by id. */
async function eventsById(
  db: LogbookDatabase,
  page: readonly ServerEvent[],
): Promise<Map<string, RecordedEvent>> {
  const found = await db.events
    .where('id')
    .anyOf(page.map((event) => event.id))
    .toArray();
  return new Map(found.map((event) => [event.id, event]));
}

/**
 * Views are rewound to their settled state, the page is applied in server order (other devices'
 * events join the log, this device's own are marked settled), and the unsettled rest is
 * re-applied on top. When other devices' events land on streams with pending work, or pending
 * commands are `forced` out (by command id, or event id for an event appended without one, to
 * the reason), that work is rebased on what the log then holds.
 */
export async function rewindAndSettle(
  context: SettleContext,
  fresh: readonly ServerEvent[],
  known: Set<string>,
  forced: ReadonlyMap<string, string> = new Map(),
): Promise<PullOutcome> {
  const { db, domain } = context;
  const unsettled = await unsettledEvents(db);
  const unsettledById = new Map(unsettled.map((event) => [event.id, event]));
  const theirs = fresh.filter((event) => !known.has(event.id));
  const pending = unsettled.filter((event) => isPending(event) && !known.has(event.id));
  const theirStreams = new Set(theirs.map((event) => event.stream));
  const toRebase =
    forced.size > 0 || pending.some((event) => theirStreams.has(event.stream)) ? pending : [];

  await rewindViews(db, domain);
  // Snapshots of streams that change under us (new events, or pending work renumbered) are stale.
  await db.snapshots.bulkDelete([
    ...new Set([...theirs, ...toRebase].map((event) => event.stream)),
  ]);
  await removeFromLog(db, toRebase);

  const { settled, received } = await settle(db, fresh, unsettledById, known);
  await applyProjections(db, domain.projections, settled, 'settled');

  const gone = new Set([...toRebase, ...settled].map((event) => event.id));
  const stillUnsettled = unsettled.filter((event) => !gone.has(event.id)).sort(byReplayOrder);
  await applyProjections(db, domain.projections, stillUnsettled, 'unsettled');

  const theirsByStream = new Map<string, RecordedEvent[]>();
  for (const event of received) {
    theirsByStream.set(event.stream, [...(theirsByStream.get(event.stream) ?? []), event]);
  }
  const rejected = await rebasePending({ ...context, theirs: theirsByStream }, toRebase, forced);
  return { received: received.length, rebased: toRebase.length, rejected };
}
