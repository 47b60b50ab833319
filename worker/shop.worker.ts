// MSW needs these globals before it loads, and the mock server below loads it.
import '../src/mocks/workerGlobals';
import { shopDomain } from '../src/domain/shop';
import { noFaults } from '../src/mocks/faults';
import { createSyncHandlers } from '../src/mocks/handlers';
import { indexedDbStorage } from '../src/mocks/indexedDbStorage';
import { createMockFetch } from '../src/mocks/mockFetch';
import { createSyncServer, syncServerOptionsOf } from '../src/server/syncServer';
import { exposeStore } from './transport/exposeStore';

/**
 * The demo app's worker: the shop domain's store, served over Comlink, syncing with the MSW mock
 * server. The mock server keeps its data in its own IndexedDB database, so every device (tab) in
 * this browser shares it, and its network can be taken offline or made slow and flaky.
 */
const network = noFaults();
const server = createSyncServer(indexedDbStorage(), syncServerOptionsOf(shopDomain));

exposeStore(shopDomain, {
  sync: {
    fetch: createMockFetch(createSyncHandlers(server, network)),
    baseUrl: self.location.origin,
    simulation: network,
  },
});
