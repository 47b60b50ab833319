import * as Comlink from 'comlink';
import { liveQuery } from 'dexie';
import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { LocalStore } from '../../src/core/store';
import { errorToPlain, keepErrorDetailsAcrossComlink } from '../../src/transport/errorTransfer';
import type { LiveRead, NetworkSimulation, WorkerApi } from '../../src/transport/workerApi';
import { openStore, type StoreOptions } from '../store/openStore';
import { createSyncEngine, type SyncEngine } from '../sync/syncEngine';
import type { SyncTransport } from '../sync/syncHttp';
import { leadWhileHoldingLock } from '../sync/syncLeadership';
import { openTabChannel } from '../sync/tabChannel';

export interface ExposeOptions {
  /** Sync with a server through this transport; without it the store stays local. */
  sync?: SyncTransport & {
    /** The simulated network of a mock server, changed by `simulateNetwork`. */
    simulation?: NetworkSimulation;
    intervalMs?: number;
  };
  /** Tuning of the store itself (event size limit, command retries, rebuild batch size). */
  store?: Omit<StoreOptions<Domain>, 'name' | 'domain'>;
  endpoint?: Comlink.Endpoint;
}

function runRead(store: LocalStore, read: LiveRead): Promise<unknown> {
  switch (read.method) {
    case 'get':
      return store.get(...read.args);
    case 'list':
      return store.list(...read.args);
    case 'readStream':
      return store.readStream(...read.args);
    case 'readAll':
      return store.readAll(...read.args);
    case 'headPosition':
      return store.headPosition();
    case 'syncSummary':
      return store.syncSummary();
    case 'projectionStatus':
      return store.projectionStatus();
    default:
      throw new ValidationError({ field: 'read.method', reason: 'is not a live read' });
  }
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
  /** The sync engine, while this tab is the one that syncs. */
  let leading: SyncEngine | undefined;
  const stops = new Map<number, () => void>();
  let nextId = 1;

  const opened = (): LocalStore => {
    if (!store)
      throw new ValidationError({ field: 'store', reason: 'is not open: call open() first' });
    return store;
  };
  /**
   * One tab syncs for all: it holds the lock, runs the engine, and syncs shortly after pending
   * work appears in any tab. Every tab can ask it to sync now, or change the simulated network.
   */
  const startSyncing = (
    current: LocalStore,
    name: string,
    sync: NonNullable<ExposeOptions['sync']>,
  ) => {
    const applyNetwork = (settings: Partial<NetworkSimulation>) => {
      if (sync.simulation) Object.assign(sync.simulation, settings);
      leading?.schedule();
    };
    const tabs = openTabChannel(name, { syncNow: () => leading?.syncNow(), network: applyNetwork });
    const stepDown = leadWhileHoldingLock(`logbook-sync:${name}`, () => {
      const engine = createSyncEngine({ store: current, ...sync, leader: tabId });
      const pendingWork = liveQuery(() =>
        current.pendingEvents(Number.POSITIVE_INFINITY),
      ).subscribe({
        next: (pending) => pending.length > 0 && engine.schedule(),
      });
      leading = engine;
      engine.start();
      return () => {
        pendingWork.unsubscribe();
        engine.stop();
        leading = undefined;
      };
    });
    return {
      syncNow: () => leading?.syncNow() ?? tabs.askToSync(),
      network(settings: Partial<NetworkSimulation>) {
        applyNetwork(settings);
        tabs.shareNetwork(settings);
      },
      stop() {
        stepDown();
        tabs.close();
      },
    };
  };
  let syncing: ReturnType<typeof startSyncing> | undefined;
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
      if (options.sync && !syncing) syncing = startSyncing(store, name, options.sync);
      return { clientId: store.clientId, tabId };
    },
    execute: (command) => opened().execute(command as never),
    append: (stream, events, appendOptions) => opened().append(stream, events, appendOptions),
    readStream: (stream, readOptions) => opened().readStream(stream, readOptions),
    readAll: (readOptions) => opened().readAll(readOptions),
    headPosition: () => opened().headPosition(),
    get: (projection, key) => opened().get(projection as never, key),
    list: (projection, query) => opened().list(projection as never, query),
    async subscribe(onEvent, subscribeOptions) {
      return keep(opened().subscribe((event) => onEvent(event), subscribeOptions));
    },
    unsubscribe: stop,
    async watch(read, onChange) {
      const current = opened();
      const subscription = liveQuery(() => runRead(current, read)).subscribe({
        next: (value) => onChange({ value }),
        error: (error) => onChange({ error: errorToPlain(error as Error) }),
      });
      return keep(() => subscription.unsubscribe());
    },
    unwatch: stop,
    syncSummary: () => opened().syncSummary(),
    aggregateStateAt: (aggregate, stream, point) =>
      opened().aggregateStateAt(aggregate, stream, point),
    projectionAt: (projection, point) => opened().projectionAt(projection as never, point),
    exportLog: (exportOptions) => opened().exportLog(exportOptions),
    importLog: (ndjson) => opened().importLog(ndjson),
    projectionStatus: () => opened().projectionStatus(),
    rebuildProjection: (projection) => opened().rebuildProjection(projection as never),
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
