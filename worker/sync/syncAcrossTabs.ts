import { liveQuery } from 'dexie';
import type { LocalStore, SyncReport } from '../../src/core/store';
import type { ResolvedSyncOptions } from './resolveSyncOptions';
import type { ScopeOf } from './routeCommand';
import { createSyncEngine, type SyncEngine } from './syncEngine';
import { leadWhileHoldingLock } from './syncLeadership';
import { openTabChannel } from './tabChannel';

/** One tab's part in syncing a store shared by every tab. */
export interface TabSync {
  /** Syncs now, here if this tab syncs, or by asking the tab that does. */
  syncNow(): Promise<SyncReport | null>;
  stop(): void;
}

/**
 * One tab syncs for all: it holds the lock, runs the engine, and syncs shortly after pending
 * work appears in any tab. Every tab can ask it to sync now.
 * `tabId` names this tab in the sync status while it leads.
 */
export function syncAcrossTabs(
  store: LocalStore,
  {
    name,
    tabId,
    sync,
    scopeOf,
  }: { name: string; tabId: string; sync: ResolvedSyncOptions; scopeOf: ScopeOf },
): TabSync {
  /** The sync engine, while this tab is the one that syncs. */
  let leading: SyncEngine | undefined;
  const tabs = openTabChannel(name, { syncNow: () => leading?.syncNow() });
  const stepDown = leadWhileHoldingLock(`logbook-sync:${name}`, () => {
    const engine = createSyncEngine({ store, ...sync, scopeOf, leader: tabId });
    const pendingWork = liveQuery(() => store.pendingEvents(Number.POSITIVE_INFINITY)).subscribe({
      next: (pending) => pending.length > 0 && engine.schedule(),
    });
    leading = engine;
    engine.start();
    return () => {
      pendingWork.unsubscribe();
      engine.stop();
      leading = undefined;
    };
  });
  return {
    syncNow: () => leading?.syncNow() ?? tabs.askToSync(),
    stop() {
      stepDown();
      tabs.close();
    },
  };
}
