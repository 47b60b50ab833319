import {
  createMockFetch,
  createSyncHandlers,
  indexedDbStorage,
  noFaults,
  shareFaultsAcrossTabs,
} from 'logbook/mock';
import { createSyncApp, openAccess, syncServerOptionsOf } from 'logbook/server';
import { type ExtensionContext, exposeStore } from 'logbook/worker';
import { workerSetupOf } from './app/signin/workerSetup';
import { shopDomain } from './domain/shop';

/**
 * The demo app's worker: the shop domain's store, served over Comlink. It syncs the signed-in
 * person's shops with the real Logbook server that serves the page, or, when none does, with the
 * MSW mock server in this browser. The mock keeps its data in its own IndexedDB database, so every
 * device (tab) in this browser shares it, and its network can be taken offline or made slow and
 * flaky (in mock mode only: a real network is the real one).
 */
const faults = noFaults();

/** Beside the store, the device's simulated network: a change reaches every tab of the device. */
const demoCalls = ({ name, signal }: ExtensionContext) => ({
  network: shareFaultsAcrossTabs(name, faults, signal),
});

/** What the demo's worker serves beside the store, for `connectLogbook<ShopDomain, ShopWorkerCalls>`. */
export type ShopWorkerCalls = ReturnType<typeof demoCalls>;

/** The mock sync server, in this worker, over the browser's shared IndexedDB. */
const mockFetch = () =>
  createMockFetch(
    createSyncHandlers(
      createSyncApp({
        storage: indexedDbStorage(),
        auth: openAccess(),
        ...syncServerOptionsOf(shopDomain),
      }),
      faults,
    ),
  );

/**
 * On the mock, requests go to the server in this worker; on a real server, through the network.
 * What to sync and with which token the page says, when it connects (`connectShop`).
 */
const { mode } = workerSetupOf(self.name);
exposeStore(shopDomain, {
  ...(mode === 'mock' ? { sync: { fetch: mockFetch() } } : {}),
  extend: demoCalls,
});
