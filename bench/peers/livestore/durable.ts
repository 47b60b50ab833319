import type { Store } from '@livestore/livestore';
import { events, type schema } from './schema';

type TaskStore = Store<typeof schema>;

/** How often `untilDurable` looks at the session's sync status. */
const syncStatusPollMs = 5;

/**
 * Resolves once the leader worker has confirmed every event this session committed. Polled:
 * a `subscribeSyncStatus` opened while events are pending was seen to miss the final, synced
 * status (LiveStore 0.4.0), and then never resolve.
 */
async function leaderHasEverything(store: TaskStore): Promise<void> {
  while (!store.syncStatus().isSynced) {
    await new Promise((resolve) => setTimeout(resolve, syncStatusPollMs));
  }
}

/**
 * Resolves once everything committed so far is in the leader's OPFS databases. `isSynced` alone
 * is not enough: the leader confirms a batch to the sessions before it commits that batch's
 * SQLite transaction (LeaderSyncProcessor: offer upstream-advance, then materializeEventsBatch).
 * It takes batches one after another, so once a marker event committed after the confirmation is
 * confirmed in turn, every earlier batch has been committed.
 */
export async function untilDurable(store: TaskStore): Promise<void> {
  await leaderHasEverything(store);
  store.commit(events.flushMarked({}));
  await leaderHasEverything(store);
}
