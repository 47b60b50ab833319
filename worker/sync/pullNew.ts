import type { RejectedCommand, SyncableStore } from '../../src/core/store';
import { pullFromServer, type SyncTransport } from './syncHttp';

/** Pulls every server event after this device's cursor, page by page, settling each page. */
export async function pullNew(
  store: SyncableStore,
  transport: SyncTransport,
  limit: number,
): Promise<RejectedCommand[]> {
  const rejected: RejectedCommand[] = [];
  for (let hasMore = true; hasMore; ) {
    const page = await pullFromServer(transport, await store.pullCursor(), limit);
    const outcome = await store.applyPulled(page.events, page.nextCursor);
    rejected.push(...outcome.rejected);
    hasMore = page.hasMore;
  }
  return rejected;
}
