import { readPullCursor } from '../db/pullCursor';
import { isPending, markAccepted } from '../db/syncStates';
import { restartRebuilds } from '../projections/rebuildProjections';
import { writeTables } from '../write/writeEvents';
import { type SettleContext, settlePage } from './applyPulled';

/**
 * Records the server positions the server gave events pushed to `scope`. Those that directly
 * follow the scope's pull cursor (no other device's event between) settle at once, as a pull of
 * the scope would settle them; the rest are `accepted` and settle when pulled back. Events are
 * looked up where they were pushed from, by id only if they moved since.
 */
export async function confirmEvents(
  context: SettleContext,
  acks: readonly { id: string; position: number; serverPosition: number }[],
  scope: string,
): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [...writeTables(db), db.meta], async () => {
    const [atPosition, cursor] = await Promise.all([
      db.events.bulkGet(acks.map((ack) => ack.position)),
      readPullCursor(db, scope, context.domain.scopeOf),
      acks.length > 0 && restartRebuilds(db, context.domain.projections),
    ]);
    const moved = acks.filter((ack, i) => atPosition[i]?.id !== ack.id);
    const found =
      moved.length === 0
        ? []
        : await db.events
            .where('id')
            .anyOf(moved.map((ack) => ack.id))
            .toArray();
    const rows = new Map([...atPosition, ...found].flatMap((row) => (row ? [[row.id, row]] : [])));
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
            events: following.map(
              ({ row: { position: _, serverPosition: __, ...event }, serverPosition }) => ({
                ...event,
                position: serverPosition,
              }),
            ),
            nextCursor: cursor + following.length,
          },
          new Map(following.map(({ row }) => [row.id, row])),
        ),
    ]);
  });
}
