import type { LocalStore } from '../../src/core/store';
import { type ShopDomain, shopDomain } from '../../src/demo/domain/shop';
import type { SyncOptions } from '../../src/transport/syncOptions';
import { openStore } from '../../worker/store/openStore';
import { resolveSyncOptions } from '../../worker/sync/resolveSyncOptions';
import { syncAcrossTabs, type TabSync } from '../../worker/sync/syncAcrossTabs';

export interface BenchDevice {
  store: LocalStore<ShopDomain>;
  sync: TabSync;
  close(): Promise<void>;
}

/**
 * The sync options a user gives, with the engine's defaults for everything else (debounce,
 * intervals, retries). The one place that names them.
 */
const syncOptionsFor = (
  url: string,
  scope: string,
  token: string,
  fetch: typeof globalThis.fetch,
): SyncOptions => ({
  fetch,
  url,
  scopes: [scope],
  token: () => token,
});

/**
 * A device as the worker runs it: a store on its own database, synced by `syncAcrossTabs` (the
 * engine with its live stream, syncing shortly after pending work appears), through `fetch`.
 */
export async function openBenchDevice(
  name: string,
  {
    url,
    scope,
    token,
    fetch,
  }: { url: string; scope: string; token: string; fetch: typeof globalThis.fetch },
): Promise<BenchDevice> {
  const store = await openStore({ name, domain: shopDomain });
  const sync = syncAcrossTabs(store, {
    name,
    tabId: name,
    sync: resolveSyncOptions(syncOptionsFor(url, scope, token, fetch), shopDomain.scopeOf),
    scopeOf: shopDomain.scopeOf,
  });
  return {
    store,
    sync,
    async close() {
      sync.stop();
      await store.close();
    },
  };
}
