import {
  createMockFetch,
  createSyncHandlers,
  indexedDbStorage,
  noFaults,
  shareFaultsAcrossTabs,
} from 'logbook/mock';
import { createSyncApp, openAccess, syncServerOptionsOf } from 'logbook/server';
import { type ExtensionContext, exposeStore } from 'logbook/worker';
import { shopDomain } from './domain/shop';

/**
 * The demo app's worker: the shop domain's store, served over Comlink, syncing with the MSW mock
 * server. The mock server keeps its data in its own IndexedDB database, so every device (tab) in
 * this browser shares it, and its network can be taken offline or made slow and flaky.
 */
const faults = noFaults();
const server = createSyncApp({
  storage: indexedDbStorage(),
  auth: openAccess(),
  ...syncServerOptionsOf(shopDomain),
});

/** Beside the store, the device's simulated network: a change reaches every tab of the device. */
const demoCalls = ({ name, signal }: ExtensionContext) => ({
  network: shareFaultsAcrossTabs(name, faults, signal),
});

/** What the demo's worker serves beside the store, for `connectLogbook<ShopDomain, ShopWorkerCalls>`. */
export type ShopWorkerCalls = ReturnType<typeof demoCalls>;

exposeStore(shopDomain, {
  sync: {
    fetch: createMockFetch(createSyncHandlers(server, faults)),
    url: self.location.origin,
    scopes: ['shop-1'],
  },
  extend: demoCalls,
});
