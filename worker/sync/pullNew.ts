import { LIMITS } from '../../src/core/limits';
import type { PullOutcome, SyncableStore } from '../../src/core/store';
import { pullFromServer, type SyncTransport } from './syncHttp';

/**
 * Pulls every server event of the transport's scope after this device's cursor of that scope, page by page (of `limit` events, at most
 * what the server serves in one), settling each page.
 */
export async function pullNew(
  store: SyncableStore,
  transport: SyncTransport,
  limit: number,
): Promise<PullOutcome> {
  const total: PullOutcome = { received: 0, rebased: 0, rejected: [] };
  for (let hasMore = true; hasMore; ) {
    const page = await pullFromServer(
      transport,
      await store.pullCursor(transport.scope),
      Math.min(limit, LIMITS.maxPullLimit),
    );
    const outcome = await store.applyPulled(page.events, page.nextCursor, transport.scope);
    total.received += outcome.received;
    total.rebased += outcome.rebased;
    total.rejected.push(...outcome.rejected);
    hasMore = page.hasMore;
  }
  return total;
}
