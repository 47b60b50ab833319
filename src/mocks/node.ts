import { setupServer } from 'msw/node';
import { shopDomain } from '../domain/shop';
import { memoryStorage } from '../server/memoryStorage';
import {
  createSyncServer,
  type SyncServerOptions,
  syncServerOptionsOf,
} from '../server/syncServer';
import { noFaults } from './faults';
import { createSyncHandlers } from './handlers';

/**
 * The mock sync server for Node tests: in-memory storage behind the MSW handlers, intercepting
 * `fetch` once `server.listen()` is called. Like the app's, it holds pushes to the shop's rules
 * unless given others. `faults` can be changed between requests; `reset()` empties the server.
 */
export function setupMockSyncServer(options: SyncServerOptions = syncServerOptionsOf(shopDomain)) {
  const storage = memoryStorage();
  const syncServer = createSyncServer(storage, options);
  const faults = noFaults();
  const server = setupServer(...createSyncHandlers(syncServer, faults));
  return {
    server,
    syncServer,
    storage,
    faults,
    reset() {
      storage.clear();
      Object.assign(faults, noFaults());
    },
  };
}
