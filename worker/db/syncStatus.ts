import type { Json } from '../../src/core/json';
import type { SyncStatus, SyncSummary } from '../../src/core/store';
import type { LogbookDatabase } from './database';
import { pendingAfter } from './syncStates';

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
