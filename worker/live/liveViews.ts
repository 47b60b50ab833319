import type { ObservabilitySet } from 'dexie';
import type { Domain } from '../../src/core/domain';
import type { ListQuery, LocalStore } from '../../src/core/store';
import type { LiveResult } from '../../src/transport/workerApi';
import type { LogbookDatabase } from '../db/database';
import { watchChangesElsewhere } from './changesElsewhere';
import { type ViewChanges, viewChangesMiddleware } from './viewChanges';
import { getQuery, listQuery } from './viewQueries';
import { ViewWatch } from './viewWatch';

/** The live reads of views this store serves itself. */
export type ViewRead =
  | { method: 'get'; args: [projection: string, key: string] }
  | { method: 'list'; args: [projection: string, query?: ListQuery] };

type Watch = Pick<ViewWatch<unknown>, 'changed' | 'stop'>;

/**
 * Live `get`s and `list`s of one store's views, fed by the writes themselves: the rows a
 * transaction of this store wrote reach the watchers of their views when it commits, with no
 * read; changes made elsewhere (other tabs, other connections) make the watchers they may touch
 * read again.
 */
export class LiveViews {
  readonly #db: LogbookDatabase;
  readonly #domain: Domain;
  readonly #watches = new Set<Watch>();
  /** What Dexie will announce of this store's own commits, so as not to take them for others'. */
  readonly #ownParts = new WeakSet<ObservabilitySet>();
  /** Listening to changes made elsewhere while there is a watch. */
  #stopListening: (() => void) | undefined;

  /** Call before the database opens: the middleware joins Dexie's stack when it does. */
  constructor(db: LogbookDatabase, domain: Domain) {
    this.#db = db;
    this.#domain = domain;
    db.use(
      viewChangesMiddleware({
        committed: (changes) => this.#changed(changes),
        watching: () => this.#watches.size > 0,
        wrote: (trans) => {
          const parts = (trans as { mutatedParts?: ObservabilitySet }).mutatedParts;
          if (parts) this.#ownParts.add(parts);
        },
      }),
    );
  }

  /** Sends `read`'s result now and each time it changes; returns a function that stops it. */
  watch(read: ViewRead, onChange: (result: LiveResult) => void): () => void {
    const [db, domain, projection] = [this.#db, this.#domain, read.args[0]];
    const watch: Watch =
      read.method === 'get'
        ? new ViewWatch(getQuery(db, domain, projection, read.args[1]), onChange)
        : new ViewWatch(listQuery(db, domain, projection, read.args[1]), onChange);
    this.#watches.add(watch);
    this.#stopListening ??= watchChangesElsewhere(
      this.#db.name,
      (parts) => this.#ownParts.has(parts),
      (changes) => this.#changed(changes),
    );
    return () => this.#unwatch(watch);
  }

  close(): void {
    for (const watch of this.#watches) this.#unwatch(watch);
  }

  #unwatch(watch: Watch): void {
    watch.stop();
    this.#watches.delete(watch);
    if (this.#watches.size > 0) return;
    this.#stopListening?.();
    this.#stopListening = undefined;
  }

  #changed(changes: ViewChanges): void {
    for (const watch of this.#watches) watch.changed(changes);
  }
}

const byStore = new WeakMap<LocalStore, LiveViews>();

/** Serves `liveViews` for `store`: `LocalStore` is the public contract, this is the worker's own. */
export function keepLiveViews(store: LocalStore, liveViews: LiveViews): void {
  byStore.set(store, liveViews);
}

/** The live views of a store `openStore` opened; undefined for any other store. */
export const liveViewsOf = (store: LocalStore): LiveViews | undefined => byStore.get(store);
