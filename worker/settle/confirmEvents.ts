import type { EventRow, LogbookDatabase } from '../db/database';
import { readPullCursor } from '../db/pullCursor';
import { isPending, markAccepted, pendingPositionsBetween } from '../db/syncStates';
import { restartRebuilds } from '../projections/rebuildProjections';
import { writeTables } from '../write/writeEvents';
import { type SettleContext, settlePage } from './applyPulled';

/**
 * The raw rows at `positions`, those there are. Rows `readBefore` holds (raw, read while pending)
 * whose positions are still pending are those rows still (a pending row never changes in place,
 * see `SyncState`), so only their positions are read, keys only; the rest as `readRows` reads them.
 */
async function rowsAt(
  db: LogbookDatabase,
  positions: readonly number[],
  readBefore: ReadonlyMap<number, EventRow>,
): Promise<EventRow[]> {
  const known = positions.filter((position) => readBefore.has(position));
  if (known.length === 0) return readRows(db, positions);
  const stillPending = new Set(
    await pendingPositionsBetween(db, Math.min(...known), Math.max(...known)),
  );
  const unchanged = new Set(known.filter((position) => stillPending.has(position)));
  const rest = positions.filter((position) => !unchanged.has(position));
  return [
    ...[...unchanged].map((position) => readBefore.get(position) as EventRow),
    ...(await readRows(db, rest)),
  ];
}

/**
 * The raw rows at `positions`, those there are: from one read of the range between the least and
 * the greatest when it holds few more rows than asked for (a push's events lie close together
 * in the log), else position by position. Either way, exactly the rows at `positions`.
 */
async function readRows(db: LogbookDatabase, positions: readonly number[]): Promise<EventRow[]> {
  if (positions.length === 0) return [];
  const least = Math.min(...positions);
  const greatest = Math.max(...positions);
  if (greatest - least < 2 * positions.length) {
    const wanted = new Set(positions);
    const range: EventRow[] = await db.events
      .where(':id')
      .between(least, greatest, true, true)
      .raw()
      .toArray();
    return range.filter((row) => wanted.has(row.position));
  }
  return db.events.where(':id').anyOf(positions).raw().toArray();
}

/**
 * Records the server positions the server gave events pushed to `scope`. Those that directly
 * follow the scope's pull cursor (no other device's event between) settle at once, as a pull of
 * the scope would settle them; the rest are `accepted` and settle when pulled back. Events are
 * looked up where they were pushed from, by id only if they moved since; `readBefore` holds the
 * raw rows the push was read from, by position (see `rowsAt`).
 */
export async function confirmEvents(
  context: SettleContext,
  acks: readonly { id: string; position: number; serverPosition: number }[],
  scope: string,
  readBefore: ReadonlyMap<number, EventRow> = new Map(),
): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [...writeTables(db), db.meta], async () => {
    const [atPosition, cursor] = await Promise.all([
      rowsAt(
        db,
        acks.map((ack) => ack.position),
        readBefore,
      ),
      readPullCursor(db, scope, context.domain.scopeOf),
      acks.length > 0 && restartRebuilds(db, context.domain.projections),
    ]);
    const idAt = new Map(atPosition.map((row) => [row.position, row.id]));
    const moved = acks.filter((ack) => idAt.get(ack.position) !== ack.id);
    const found: EventRow[] =
      moved.length === 0
        ? []
        : await db.events
            .where('id')
            .anyOf(moved.map((ack) => ack.id))
            .raw()
            .toArray();
    const rows = new Map([...atPosition, ...found].map((row) => [row.id, row]));
    const stillPending = acks
      .flatMap((ack) => {
        const row = rows.get(ack.id);
        return row && isPending(row) ? [{ row, serverPosition: ack.serverPosition }] : [];
      })
      .sort((a, b) => a.serverPosition - b.serverPosition);
    const next = stillPending.findIndex(
      ({ serverPosition }, i) => serverPosition !== cursor + 1 + i,
    );
    const following = next === -1 ? stillPending : stillPending.slice(0, next);
    const later = stillPending.slice(following.length);
    await Promise.all([
      markAccepted(
        db,
        later.map(({ row, serverPosition }) => ({ position: row.position, serverPosition })),
      ),
      following.length > 0 &&
        settlePage(
          context,
          {
            scope,
            events: following.map(({ row, serverPosition }) => {
              const { position: _, serverPosition: __, ...event } = db.recorded(row);
              return { ...event, position: serverPosition };
            }),
            nextCursor: cursor + following.length,
          },
          new Map(following.map(({ row }) => [row.id, row])),
        ),
    ]);
  });
}
