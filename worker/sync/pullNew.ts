import { LIMITS } from '../../src/core/limits';
import type { SyncableStore, SyncReport } from '../../src/core/store';
import { pullFromServer, type SyncTransport } from './syncHttp';

/**
 * Pulls every server event of the transport's scope after this device's cursor of that scope,
 * page by page (of `limit` events, at most what the server serves in one), settling each page;
 * adds what it pulled, rebased and rejected to `done`.
 */
export async function pullNew(
  store: SyncableStore,
  transport: SyncTransport,
  limit: number,
  done: SyncReport,
): Promise<void> {
  for (let hasMore = true; hasMore; ) {
    const page = await pullFromServer(
      transport,
      await store.pullCursor(transport.scope),
      Math.min(limit, LIMITS.maxPullLimit),
    );
    const outcome = await store.applyPulled(page.events, page.nextCursor, transport.scope);
    done.pulled += outcome.received;
    done.rebased += outcome.rebased;
    done.rejected.push(...outcome.rejected);
    hasMore = page.hasMore;
  }
}
