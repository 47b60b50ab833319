import * as Comlink from 'comlink';
import { v7 as uuidv7 } from 'uuid';
import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { LocalStore } from '../../src/core/store';
import { keepErrorDetailsAcrossComlink } from '../../src/transport/errorTransfer';
import type { SyncOptions } from '../../src/transport/syncOptions';
import type { WorkerApi } from '../../src/transport/workerApi';
import type { NoExtension, WorkerExtension } from '../../src/transport/workerExtension';
import { openStore, type StoreOptions } from '../store/openStore';
import { resolveSyncOptions } from '../sync/resolveSyncOptions';
import { syncAcrossTabs, type TabSync } from '../sync/syncAcrossTabs';
import { watchRead } from './liveReads';

/** What a worker script's extension is made for: one opened store. */
export interface ExtensionContext {
  /** The store's database name: one per device, shared by the device's tabs. */
  name: string;
  store: LocalStore;
  /** Aborted when the store closes: release what the extension holds (channels, timers). */
  signal: AbortSignal;
}

export interface ExposeOptions<E extends WorkerExtension = NoExtension> {
  /**
   * Sync with a server; the main thread's `connectLogbook(worker, { sync })` adds to these (its
   * fields win). Without either, the store stays local.
   */
  sync?: SyncOptions;
  /** Tuning of the store itself (event size limit, command retries, rebuild batch size). */
  store?: Omit<StoreOptions<Domain>, 'name' | 'domain'>;
  endpoint?: Comlink.Endpoint;
  /**
   * Calls this worker serves beside the store's, made when the store opens. The main thread
   * calls them as `client.extension`, typed by `connectLogbook<D, E>` (export `E` from the
   * worker script as a type).
   */
  extend?: (context: ExtensionContext) => E;
}

/**
 * Runs in the worker: opens the store when the main thread asks, and serves it over Comlink.
 * Subscriptions and live reads run here, next to IndexedDB; only their results cross the boundary.
 */
export function exposeStore<E extends WorkerExtension = NoExtension>(
  domain: Domain,
  options: ExposeOptions<E> = {},
): void {
  keepErrorDetailsAcrossComlink();
  let store: LocalStore | undefined;
  let opening: Promise<LocalStore> | undefined;
  /** This worker's id: the status names the tab that syncs. */
  const tabId = uuidv7();
  const stops = new Map<number, () => void>();
  let nextId = 1;

  const opened = (): LocalStore => {
    if (!store)
      throw new ValidationError({ field: 'store', reason: 'is not open: call open() first' });
    return store;
  };
  let syncing: TabSync | undefined;
  let extension: { calls: WorkerExtension; release: AbortController } | undefined;
  /** Lets go of the main thread's token function (a Comlink proxy), once the store closes. */
  let releaseToken: (() => void) | undefined;
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
    async open({ name, sync }, token) {
      // The client leaves out the fields it does not set, so the worker's hold.
      const merged =
        options.sync || sync ? { ...options.sync, ...sync, ...(token && { token }) } : undefined;
      const resolved = merged && resolveSyncOptions(merged, domain.scopeOf);
      opening ??= openStore({ ...options.store, name, domain });
      store = await opening;
      if (resolved && !syncing) {
        syncing = syncAcrossTabs(store, { name, tabId, sync: resolved, scopeOf: domain.scopeOf });
        releaseToken =
          token && (() => (token as Comlink.Remote<typeof token>)[Comlink.releaseProxy]());
      }
      if (options.extend && !extension) {
        const release = new AbortController();
        extension = { calls: options.extend({ name, store, signal: release.signal }), release };
      }
      return { clientId: store.clientId, tabId, extension: callNames(extension?.calls) };
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
    async watch(read, port) {
      const stopRead = watchRead(opened(), read, (result) => port.postMessage(result));
      return keep(() => {
        stopRead();
        port.close();
      });
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
    async callExtension(call, args) {
      opened();
      const served = extension?.calls ?? {};
      if (!callNames(served).includes(call)) {
        throw new ValidationError({
          field: 'call',
          reason: `"${call}" is not a call of this worker`,
        });
      }
      const run = served[call] as (this: WorkerExtension, ...args: unknown[]) => unknown;
      return run.apply(served, args);
    },
    async close() {
      syncing?.stop();
      syncing = undefined;
      releaseToken?.();
      releaseToken = undefined;
      extension?.release.abort();
      extension = undefined;
      for (const id of [...stops.keys()]) await stop(id);
      await store?.close();
      store = undefined;
      opening = undefined;
    },
  };
  Comlink.expose(api, options.endpoint ?? (self as Comlink.Endpoint));
}

/** The own calls of an extension: what the main thread may call by name. */
const callNames = (calls: WorkerExtension = {}) =>
  Object.keys(calls).filter((call) => typeof calls[call] === 'function');
