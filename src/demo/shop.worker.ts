import {
  createMockFetch,
  createSyncHandlers,
  indexedDbStorage,
  noFaults,
  shareFaultsAcrossTabs,
} from 'logbook/mock';
import { createSyncApp, openAccess, syncServerOptionsOf } from 'logbook/server';
import { type ExtensionContext, exposeStore } from 'logbook/worker';
import { devTokenSource } from './app/signin/devTokenSource';
import { type WorkerSetup, workerSetupOf } from './app/signin/workerSetup';
import { shopDomain } from './domain/shop';
import { DEFAULT_SHOP } from './domain/shops';

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
 * How this worker syncs: the person's shops (the default shop when no one is signed in), with
 * development tokens on the real server. Until the sync engine takes several scopes (issue 15's
 * `scopes` option), it syncs the first, the person's own shop: this is the one place to change.
 */
function shopSync({ mode, person, tokenSeconds }: WorkerSetup) {
  const scopes = person?.shops ?? [DEFAULT_SHOP];
  const where = { baseUrl: self.location.origin, scope: scopes[0] ?? DEFAULT_SHOP };
  if (mode === 'mock') return { ...where, fetch: mockFetch() };
  if (!person) return undefined;
  return {
    ...where,
    // Called as the transport's method: the global fetch, unbound, would throw "Illegal invocation".
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    token: devTokenSource(person, tokenSeconds ? { lifetimeSeconds: tokenSeconds } : {}),
  };
}

const sync = shopSync(workerSetupOf(self.name));
exposeStore(shopDomain, { ...(sync ? { sync } : {}), extend: demoCalls });
