import type { Domain } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { PullOutcome } from '../../src/core/store';
import { DEFAULT_SCOPE, type ServerEvent } from '../../src/core/syncProtocol';
import { rebasePending } from '../commands/rebasePending';
import type { EventRow, LogbookDatabase } from '../db/database';
import { readPullCursor, writePullCursor } from '../db/pullCursor';
import { isPending, lastSettled, markSettled, unsettledAfter } from '../db/syncStates';
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

/** A page of one scope's server events: the scope, and the cursor the page moves it to. */
export interface ScopePage {
  scope: string;
  events: readonly ServerEvent[];
  nextCursor: number;
}

/**
 * Writes a page's events in batched requests, each given its settle order in server order after
 * `settledBefore`: this device's own ones are marked with their server position and leave the
 * unsettled set; other devices' new ones are added to the log. Returns both in server order.
 */
async function settle(
  db: LogbookDatabase,
  fresh: readonly ServerEvent[],
  unsettledById: Map<string, RecordedEvent>,
  known: Set<string>,
  settledBefore: number,
): Promise<{ settled: RecordedEvent[]; received: RecordedEvent[] }> {
  const settling = fresh.filter((event) => unsettledById.has(event.id) || !known.has(event.id));
  const ours: RecordedEvent[] = [];
  const marks: (Pick<RecordedEvent, 'position' | 'serverPosition'> & { settled: number })[] = [];
  const theirs: EventRow[] = [];
  settling.forEach(({ position: serverPosition, ...fields }, i) => {
    const settled = settledBefore + 1 + i;
    const own = unsettledById.get(fields.id);
    if (own) {
      ours.push({ ...own, serverPosition });
      marks.push({ position: own.position, serverPosition, settled });
    } else theirs.push({ ...fields, serverPosition, settled } as EventRow);
  });
  const [positions] = await Promise.all([addToLog(db, theirs), markSettled(db, marks)]);
  const received = theirs.map((row, i) =>
    db.recorded({ ...row, position: positions[i] as number }),
  );
  const byId = new Map([...ours, ...received].map((event) => [event.id, event]));
  return { settled: settling.flatMap((event) => byId.get(event.id) ?? []), received };
}

/**
 * Settles a page of one scope's server events, in one transaction (see `settlePage`), and rebases
 * pending commands that other devices' events conflict with.
 */
export function applyPulled(context: SettleContext, page: ScopePage): Promise<PullOutcome> {
  const { db } = context;
  return db.transaction('rw', [...writeTables(db), db.meta], async () => settlePage(context, page));
}

/**
 * Settles server events of the page's scope up to its `nextCursor`, inside a transaction over the
 * write tables and meta. `known` holds those already in the log, as raw rows read in this
 * transaction, when the caller has read them.
 * A page of this device's own events in log order (the usual case) only moves the views' bases;
 * anything else rewinds the views and re-applies what is still unsettled on top.
 */
export async function settlePage(
  context: SettleContext,
  { scope, events, nextCursor }: ScopePage,
  known?: ReadonlyMap<string, EventRow>,
): Promise<PullOutcome> {
  const { db, domain } = context;
  const cursor = await readPullCursor(db, scope, domain.scopeOf);
  const fresh = events.filter((event) => event.position > cursor);
  // Independent of what follows, so issued with the first read: the transaction keeps it or
  // nothing.
  const [rows, settledBefore] = await Promise.all([
    known ?? eventsById(db, fresh),
    lastSettled(db),
    writePullCursor(db, Math.max(cursor, nextCursor), scope),
    fresh.length > 0 && restartRebuilds(db, domain.projections),
  ]);
  const settledInPlace =
    fresh.length === 0 ||
    (await settleOwnInOrder(db, domain.projections, fresh, rows, settledBefore));
  return settledInPlace
    ? { received: 0, rebased: 0, rejected: [] }
    : rewindAndSettle(context, { scope, fresh, known: new Set(rows.keys()), settledBefore });
}

/** The events of the page already in the log, by id, as raw rows. */
async function eventsById(
  db: LogbookDatabase,
  page: readonly ServerEvent[],
): Promise<Map<string, EventRow>> {
  const found: EventRow[] = await db.events
    .where('id')
    .anyOf(page.map((event) => event.id))
    .raw()
    .toArray();
  return new Map(found.map((row) => [row.id, row]));
}

/**
 * What `rewindAndSettle` settles: a scope's server events past its cursor, after the
 * `settledBefore` events settled already; `known` are the ids of those in the log already.
 */
export interface Settling {
  scope: string;
  fresh: readonly ServerEvent[];
  known: Set<string>;
  settledBefore: number;
}

/** Nothing to settle: for a rewind that only takes pending work out. */
export const nothingToSettle = (): Settling => ({
  scope: DEFAULT_SCOPE,
  fresh: [],
  known: new Set(),
  settledBefore: 0,
});

/**
 * The pending commands of `scope` (those with an event on one of its streams; without the
 * domain's `scopeOf`, every stream is the synced scope's), each with all its events.
 */
function pendingOfScope(
  domain: Domain,
  pending: readonly RecordedEvent[],
  scope: string,
): RecordedEvent[] {
  const inScope = (event: RecordedEvent) => (domain.scopeOf?.(event.stream) ?? scope) === scope;
  const work = (event: RecordedEvent) => event.metadata.commandId ?? event.id;
  const touching = new Set(pending.filter(inScope).map(work));
  return pending.filter((event) => touching.has(work(event)));
}

/**
 * Views are rewound to their settled state, the page is applied in server order (other devices'
 * events join the log, this device's own are marked settled), and the unsettled rest is
 * re-applied on top in log order. When other devices' events land on streams with pending work of
 * their scope, that scope's pending work is rebased on what the log then holds (another scope's
 * stays as it is: a command writes one scope). Pending commands `forced` out (by command id, or
 * event id for an event appended without one, to the reason) are rejected, and all pending
 * work rebased without them.
 */
export async function rewindAndSettle(
  context: SettleContext,
  { scope, fresh, known, settledBefore }: Settling,
  forced: ReadonlyMap<string, string> = new Map(),
): Promise<PullOutcome> {
  const { db, domain } = context;
  const unsettled = await unsettledAfter(db);
  const unsettledById = new Map(unsettled.map((event) => [event.id, event]));
  const theirs = fresh.filter((event) => !known.has(event.id));
  const pending = unsettled.filter((event) => isPending(event) && !known.has(event.id));
  const theirStreams = new Set(theirs.map((event) => event.stream));
  const scoped = pendingOfScope(domain, pending, scope);
  const conflicts = scoped.some((event) => theirStreams.has(event.stream));
  const toRebase = forced.size > 0 ? pending : conflicts ? scoped : [];

  await rewindViews(db, domain, unsettled);
  // Snapshots of streams that change under us (new events, or pending work renumbered) are stale.
  await db.snapshots.bulkDelete([
    ...new Set([...theirs, ...toRebase].map((event) => event.stream)),
  ]);
  await removeFromLog(db, toRebase);

  const { settled, received } = await settle(db, fresh, unsettledById, known, settledBefore);
  await applyProjections(db, domain.projections, settled, 'settled');

  const gone = new Set([...toRebase, ...settled].map((event) => event.id));
  const stillUnsettled = unsettled.filter((event) => !gone.has(event.id));
  await applyProjections(db, domain.projections, stillUnsettled, 'unsettled');

  const theirsByStream = new Map<string, RecordedEvent[]>();
  for (const event of received) {
    const stream = theirsByStream.get(event.stream);
    if (stream) stream.push(event);
    else theirsByStream.set(event.stream, [event]);
  }
  const rejected = await rebasePending({ ...context, theirs: theirsByStream }, toRebase, forced);
  return { received: received.length, rebased: toRebase.length, rejected };
}
