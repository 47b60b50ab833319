import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { SyncStatus, SyncSummary } from '../../src/core/store';
import type { EventRow, LogbookDatabase } from './database';
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

/** Stamps pushed events with the server positions the server gave them. They settle when pulled back. */
export async function confirmEvents(
  db: LogbookDatabase,
  acks: readonly { id: string; serverPosition: number }[],
): Promise<void> {
  const positionOf = new Map(acks.map((ack) => [ack.id, ack.serverPosition]));
  await db.transaction('rw', db.events, async () => {
    await db.events
      .where('id')
      .anyOf([...positionOf.keys()])
      .modify((event: EventRow) => {
        const serverPosition = positionOf.get(event.id);
        if (serverPosition === undefined) return;
        event.serverPosition = serverPosition;
        if (event.sync === 'pending') event.sync = 'accepted';
      });
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
