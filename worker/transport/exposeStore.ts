import * as Comlink from 'comlink';
import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { LocalStore } from '../../src/core/store';
import { keepErrorDetailsAcrossComlink } from '../../src/transport/errorTransfer';
import type { WorkerApi } from '../../src/transport/workerApi';
import { openStore, type StoreOptions } from '../store/openStore';
import { type SyncOptions, syncAcrossTabs, type TabSync } from '../sync/syncAcrossTabs';
import { watchRead } from './liveReads';

export interface ExposeOptions {
  /** Sync with a server through this transport; without it the store stays local. */
  sync?: SyncOptions;
  /** Tuning of the store itself (event size limit, command retries, rebuild batch size). */
  store?: Omit<StoreOptions<Domain>, 'name' | 'domain'>;
  endpoint?: Comlink.Endpoint;
}

/**
 * Runs in the worker: opens the store when the main thread asks, and serves it over Comlink.
 * Subscriptions and live reads run here, next to IndexedDB; only their results cross the boundary.
 */
export function exposeStore(domain: Domain, options: ExposeOptions = {}): void {
  keepErrorDetailsAcrossComlink();
  let store: LocalStore | undefined;
  let opening: Promise<LocalStore> | undefined;
  /** This worker's id: the status names the tab that syncs. */
  const tabId = crypto.randomUUID();
  const stops = new Map<number, () => void>();
  let nextId = 1;

  const opened = (): LocalStore => {
    if (!store)
      throw new ValidationError({ field: 'store', reason: 'is not open: call open() first' });
    return store;
  };
  let syncing: TabSync | undefined;
  const keep = (stop: () => void): number => {
    const id = nextId++;
    stops.set(id, stop);
    return id;
  };
  const stop = async (id: number) => {
    stops.get(id)?.();
    stops.delete(id);
  };

  const api: WorkerApi = {
    async open({ name }) {
      opening ??= openStore({ ...options.store, name, domain });
      store = await opening;
      if (options.sync && !syncing)
        syncing = syncAcrossTabs(store, {
          name,
          tabId,
          sync: options.sync,
          scopeOf: domain.scopeOf,
        });
      return { clientId: store.clientId, tabId };
    },
    execute: (command) => opened().execute(command),
    append: (stream, events, appendOptions) => opened().append(stream, events, appendOptions),
    readStream: (stream, readOptions) => opened().readStream(stream, readOptions),
    readAll: (readOptions) => opened().readAll(readOptions),
    headPosition: () => opened().headPosition(),
    get: (projection, key) => opened().get(projection, key),
    list: (projection, query) => opened().list(projection, query),
    async subscribe(onEvent, subscribeOptions) {
      return keep(opened().subscribe((event) => onEvent(event), subscribeOptions));
    },
    unsubscribe: stop,
    async watch(read, onChange) {
      return keep(watchRead(opened(), read, onChange));
    },
    unwatch: stop,
    syncSummary: () => opened().syncSummary(),
    aggregateStateAt: (aggregate, stream, point) =>
      opened().aggregateStateAt(aggregate, stream, point),
    projectionAt: (projection, point) => opened().projectionAt(projection, point),
    exportLog: (exportOptions) => opened().exportLog(exportOptions),
    importLog: (ndjson) => opened().importLog(ndjson),
    projectionStatus: () => opened().projectionStatus(),
    rebuildProjection: (projection) => opened().rebuildProjection(projection),
    projectionsReady: () => opened().projectionsReady(),
    syncNow: async () => (syncing ? syncing.syncNow() : null),
    async simulateNetwork(settings) {
      const simulation = options.sync?.simulation;
      if (!simulation || !syncing) {
        throw new ValidationError({ field: 'sync', reason: 'has no simulated network to change' });
      }
      syncing.network(settings);
      const { offline, latencyMs, failureRate } = simulation;
      return { offline, latencyMs, failureRate };
    },
    async close() {
      syncing?.stop();
      syncing = undefined;
      for (const id of [...stops.keys()]) await stop(id);
      await store?.close();
      store = undefined;
      opening = undefined;
    },
  };
  Comlink.expose(api, options.endpoint ?? (self as Comlink.Endpoint));
}
