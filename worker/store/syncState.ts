import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { SyncStatus, SyncSummary } from '../../src/core/store';
import { restartRebuilds } from '../projections/rebuildProjections';
import { type SettleContext, settlePage } from './applyPulled';
import type { LogbookDatabase, SyncMark } from './database';
import { readPullCursor } from './pullCursor';
import { pendingAfter } from './unsettled';
import { writeTables } from './writeEvents';

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

/**
 * Records the server positions the server gave pushed events. Those that directly follow the pull
 * cursor (no other device's event between) settle at once, as a pull would settle them; the rest
 * are `accepted` and settle when pulled back. Events are looked up where they were pushed from,
 * by id only if they moved since.
 */
export async function confirmEvents(
  context: SettleContext,
  acks: readonly { id: string; position: number; serverPosition: number }[],
): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [...writeTables(db), db.meta], async () => {
    const [atPosition, cursor] = await Promise.all([
      db.events.bulkGet(acks.map((ack) => ack.position)),
      readPullCursor(db),
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
        return row?.serverPosition === null ? [{ row, serverPosition: ack.serverPosition }] : [];
      })
      .sort((a, b) => a.serverPosition - b.serverPosition);
    const next = stillPending.findIndex(
      ({ serverPosition }, i) => serverPosition !== cursor + 1 + i,
    );
    const following = next === -1 ? stillPending : stillPending.slice(0, next);
    const later = stillPending.slice(following.length);
    await Promise.all([
      db.events.bulkUpdate(
        later.map(({ row, serverPosition }) => ({
          key: row.position,
          changes: { serverPosition, sync: 'accepted' satisfies SyncMark },
        })),
      ),
      following.length > 0 &&
        settlePage(
          context,
          following.map(
            ({ row: { position: _, serverPosition: __, ...event }, serverPosition }) => ({
              ...event,
              position: serverPosition,
            }),
          ),
          cursor + following.length,
          new Map(following.map(({ row }) => [row.id, row])),
        ),
    ]);
  });
}

const SYNC_STATUS = 'syncStatus';
const NEVER_SYNCED: SyncStatus = {
  state: 'idle',
  lastSyncAt: null,
  lastError: null,
  leader: null,
  nextSyncAt: null,
};

export async function recordSyncStatus(db: LogbookDatabase, status: SyncStatus): Promise<void> {
  await db.meta.put({ key: SYNC_STATUS, value: status as unknown as Json });
}

export async function syncSummary(db: LogbookDatabase): Promise<SyncSummary> {
  return db.transaction('r', db.events, db.commands, db.meta, async () => {
    const rejected = await db.commands.where('status').equals('rejected').toArray();
    const status = (await db.meta.get(SYNC_STATUS))?.value as unknown as SyncStatus | undefined;
    return {
      // A status stored by an older version lacks the newer fields.
      status: { ...NEVER_SYNCED, ...status },
      pending: await pendingAfter(db).count(),
      rejected: rejected.map((row) => ({
        commandId: row.id,
        type: row.command.type,
        reason: row.reason ?? '',
      })),
    };
  });
}
