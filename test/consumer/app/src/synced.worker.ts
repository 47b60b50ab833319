import { createMockFetch, createSyncHandlers } from 'logbook/mock';
import { createSyncApp, memoryStorage, openAccess, syncServerOptionsOf } from 'logbook/server';
import { exposeStore } from 'logbook/worker';
import { tasksDomain } from './tasks';

// The tasks store, syncing with the MSW mock sync server that runs in this worker.
const server = createSyncApp({
  storage: memoryStorage(),
  auth: openAccess(),
  ...syncServerOptionsOf(tasksDomain),
});

exposeStore(tasksDomain, {
  sync: {
    fetch: createMockFetch(createSyncHandlers(server)),
    url: self.location.origin,
    scopes: ['tasks'],
  },
});
