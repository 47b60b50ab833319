import * as Comlink from 'comlink';
import { liveQuery } from 'dexie';
import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { LogbookStore } from '../../src/core/store';
import { errorToPlain, keepErrorDetailsAcrossComlink } from '../../src/transport/errorTransfer';
import type { LiveRead, WorkerApi } from '../../src/transport/workerApi';
import { openStore } from '../store/openStore';

/**
 * Runs in the worker: opens the store when the main thread asks, and serves it over Comlink.
 * Subscriptions and live reads run here, next to IndexedDB; only their results cross the boundary.
 */
export function exposeStore(domain: Domain, endpoint: Comlink.Endpoint = self as Comlink.Endpoint) {
  keepErrorDetailsAcrossComlink();
  let store: LogbookStore | undefined;
  let opening: Promise<LogbookStore> | undefined;
  const stops = new Map<number, () => void>();
  let nextId = 1;

  const opened = (): LogbookStore => {
    if (!store)
      throw new ValidationError({ field: 'store', reason: 'is not open: call open() first' });
    return store;
  };

  const runRead = (current: LogbookStore, read: LiveRead): Promise<unknown> => {
    switch (read.method) {
      case 'get':
        return current.get(...read.args);
      case 'list':
        return current.list(...read.args);
      case 'readStream':
        return current.readStream(...read.args);
      case 'readAll':
        return current.readAll(...read.args);
      case 'headPosition':
        return current.headPosition();
      default:
        throw new ValidationError({ field: 'read.method', reason: 'is not a live read' });
    }
  };

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
      opening ??= openStore({ name, domain });
      store = await opening;
      return { clientId: store.clientId };
    },
    execute: (command) => opened().execute(command as never),
    append: (stream, events, options) => opened().append(stream, events, options),
    readStream: (stream, options) => opened().readStream(stream, options),
    readAll: (options) => opened().readAll(options),
    headPosition: () => opened().headPosition(),
    get: (projection, key) => opened().get(projection as never, key),
    list: (projection, query) => opened().list(projection as never, query),
    async subscribe(onEvent, options) {
      return keep(opened().subscribe((event) => onEvent(event), options));
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
    async close() {
      for (const id of [...stops.keys()]) await stop(id);
      await store?.close();
      store = undefined;
      opening = undefined;
    },
  };
  Comlink.expose(api, endpoint);
}
