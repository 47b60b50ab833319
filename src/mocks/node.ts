import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type Authenticator, openAccess } from '../server/app/auth';
import { createSyncApp, type SyncAppOptions } from '../server/app/createSyncApp';
import { memoryStorage } from '../server/memoryStorage';
import { noFaults } from './faults';
import { syncHandlersWith } from './handlers';

/**
 * The mock sync server for Node tests: the sync server's HTTP app over in-memory storage behind
 * the MSW handlers, intercepting `fetch` once `server.listen()` is called. Give it the domain's
 * rules (`syncServerOptionsOf(domain)`) to hold pushes to them, as the app's does; everyone has
 * every scope unless `auth` says otherwise. `faults` can be changed between requests; `reset()`
 * empties the server.
 */
export function setupMockSyncServer(
  options: Omit<SyncAppOptions, 'storage' | 'auth'> & { auth?: Authenticator } = {},
) {
  const storage = memoryStorage();
  const app = createSyncApp({ auth: openAccess(), ...options, storage });
  const faults = noFaults();
  const server = setupServer(...syncHandlersWith({ http, HttpResponse, delay }, app, faults));
  return {
    server,
    app,
    storage,
    faults,
    reset() {
      storage.clear();
      Object.assign(faults, noFaults());
    },
  };
}

export type MockSyncServer = ReturnType<typeof setupMockSyncServer>;
