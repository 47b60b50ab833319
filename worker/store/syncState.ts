import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { SyncStatus, SyncSummary } from '../../src/core/store';
import type { LogbookDatabase, SyncMark } from './database';
import { pendingAfter } from './unsettled';

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
 * Stamps pushed events with the server positions the server gave them; they settle when pulled
 * back. Events are looked up where they were pushed from, by id only if they moved since.
 */
export async function confirmEvents(
  db: LogbookDatabase,
  acks: readonly { id: string; position: number; serverPosition: number }[],
): Promise<void> {
  await db.transaction('rw', db.events, async () => {
    const atPosition = await db.events.bulkGet(acks.map((ack) => ack.position));
    const moved = acks.filter((ack, i) => atPosition[i]?.id !== ack.id);
    const found =
      moved.length === 0
        ? []
        : await db.events
            .where('id')
            .anyOf(moved.map((ack) => ack.id))
            .toArray();
    const rows = new Map([...atPosition, ...found].flatMap((row) => (row ? [[row.id, row]] : [])));
    const stillPending = acks.flatMap((ack) => {
      const row = rows.get(ack.id);
      return row?.serverPosition === null ? [{ row, serverPosition: ack.serverPosition }] : [];
    });
    await db.events.bulkUpdate(
      stillPending.map(({ row, serverPosition }) => ({
        key: row.position,
        changes: { serverPosition, sync: 'accepted' satisfies SyncMark },
      })),
    );
  });
}

const SYNC_STATUS = 'syncStatus';
const NEVER_SYNCED: SyncStatus = { state: 'idle', lastSyncAt: null, lastError: null, leader: null };

export async function recordSyncStatus(db: LogbookDatabase, status: SyncStatus): Promise<void> {
  await db.meta.put({ key: SYNC_STATUS, value: status as unknown as Json });
}

export async function syncSummary(db: LogbookDatabase): Promise<SyncSummary> {
  return db.transaction('r', db.events, db.commands, db.meta, async () => {
    const rejected = await db.commands.where('status').equals('rejected').toArray();
    const status = (await db.meta.get(SYNC_STATUS))?.value as unknown as SyncStatus | undefined;
    return {
      status: status ?? NEVER_SYNCED,
      pending: await pendingAfter(db).count(),
      rejected: rejected.map((row) => ({
        commandId: row.id,
        type: row.command.type,
        reason: row.reason ?? '',
      })),
    };
  });
}
