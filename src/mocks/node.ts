import { setupServer } from 'msw/node';
import { memoryStorage } from '../server/memoryStorage';
import { createSyncServer, type SyncServerOptions } from '../server/syncServer';
import { noFaults } from './faults';
import { createSyncHandlers } from './handlers';

/**
 * The mock sync server for Node tests: in-memory storage behind the MSW handlers, intercepting
 * `fetch` once `server.listen()` is called. Give it the domain's rules (`syncServerOptionsOf(domain)`)
 * to hold pushes to them, as the app's does. `faults` can be changed between requests; `reset()`
 * empties the server.
 */
export function setupMockSyncServer(options: SyncServerOptions = {}) {
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

export type MockSyncServer = ReturnType<typeof setupMockSyncServer>;
