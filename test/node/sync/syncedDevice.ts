import type { Domain } from '../../../src/core/domain';
import { openStore } from '../../../worker/store/openStore';
import { createSyncEngine } from '../../../worker/sync/syncEngine';
import { SERVER_URL } from './devices';

/** A device on any domain, with a sync engine on the mock server: no timers, no retries. */
export async function openSyncedDevice<const D extends Domain>(name: string, domain: D) {
  const store = await openStore({ name, domain });
  const sync = createSyncEngine({
    store,
    fetch: (input, init) => globalThis.fetch(input, init),
    url: SERVER_URL,
    scopeOf: domain.scopeOf,
    intervalMs: 0,
    retry: { retries: 0, minTimeout: 1, maxTimeout: 1 },
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
