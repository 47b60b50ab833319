import { createMockFetch, createSyncHandlers, indexedDbStorage, noFaults } from 'logbook/mock';
import { createSyncApp, openAccess, syncServerOptionsOf } from 'logbook/server';
import { exposeStore } from 'logbook/worker';
import { shopDomain } from './domain/shop';

/**
 * The demo app's worker: the shop domain's store, served over Comlink, syncing with the MSW mock
 * server. The mock server keeps its data in its own IndexedDB database, so every device (tab) in
 * this browser shares it, and its network can be taken offline or made slow and flaky.
 */
const network = noFaults();
const server = createSyncApp({
  storage: indexedDbStorage(),
  auth: openAccess(),
  ...syncServerOptionsOf(shopDomain),
});

exposeStore(shopDomain, {
  sync: {
    fetch: createMockFetch(createSyncHandlers(server, network)),
    baseUrl: self.location.origin,
    scope: 'shop-1',
    simulation: network,
  },
});
