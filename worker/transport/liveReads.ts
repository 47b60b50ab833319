import { liveQuery } from 'dexie';
import { ValidationError } from '../../src/core/errors';
import type { LocalStore } from '../../src/core/store';
import { errorToPlain } from '../../src/transport/errorTransfer';
import type { LiveRead, LiveResult } from '../../src/transport/workerApi';
import { liveViewsOf } from '../live/liveViews';

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
 * Runs a read here, next to IndexedDB: `onChange` gets its result now and after every change, in
 * this tab or any other. Views are fed by the writes themselves (`LiveViews`); any other read is
 * a Dexie live query, which reads again after each change. Returns a function that stops it.
 */
export function watchRead(
  store: LocalStore,
  read: LiveRead,
  onChange: (result: LiveResult) => void,
): () => void {
  const liveViews = liveViewsOf(store);
  if (liveViews && (read.method === 'get' || read.method === 'list')) {
    return liveViews.watch(read, onChange);
  }
  const subscription = liveQuery(() => runRead(store, read)).subscribe({
    next: (value) => onChange({ value }),
    error: (error) => onChange({ error: errorToPlain(error as Error) }),
  });
  return () => subscription.unsubscribe();
}
