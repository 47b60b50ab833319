/**
 * The shared workload of the peer benchmark: a small task list, written once for each store
 * (Logbook, raw Dexie, RxDB, Replicache, LiveStore), each as its own documentation says to use it.
 * The harness (`bench/peers/harness/`) runs the same workloads through this interface only.
 */

export interface Task {
  id: string;
  listId: string;
  title: string;
  done: boolean;
  /** Order within its list (tasks are shown sorted by it, then by id). */
  rank: number;
}

/** What a peer can and cannot do: a workload it cannot do is reported as such, never left blank. */
export interface PeerTraits {
  /** The store runs off the main thread (a Web Worker or SharedWorker). */
  worker: boolean;
  /** Writes work with no server at all, and are still there after a reload. */
  offlineWrites: boolean;
  /** A write in one tab reaches a live query in another tab of the same origin. */
  crossTab: boolean;
  /** Where it keeps its data: 'IndexedDB', 'OPFS (SQLite)', ... */
  storage: string;
}

export interface TaskPeer {
  /** 'logbook' | 'dexie' | 'rxdb' | 'replicache' | 'livestore' */
  readonly name: string;
  /** The name shown in tables, with its version: 'Replicache 15.3', 'LiveStore 0.4 (OPFS)'. */
  readonly label: string;
  readonly traits: PeerTraits;

  /**
   * Opens (creating it if new) the store named `name` in this page: resolves once it can be
   * written to and queried. Opening the same name after a reload finds what was stored.
   */
  open(name: string): Promise<void>;

  /** One task written (a command / mutation / commit of its own). */
  create(task: Task): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  complete(id: string): Promise<void>;
  move(id: string, listId: string, rank: number): Promise<void>;

  /**
   * Many tasks written as one batch, the peer's own way (one command, one mutator, one commit,
   * one bulk insert): all or none.
   */
  createMany(tasks: readonly Task[]): Promise<void>;

  /**
   * The reactive query the UI shows: the tasks of a list, sorted by rank then id. `onChange` gets
   * the first result, then every new one. Returns a function that stops it.
   */
  watchList(listId: string, onChange: (tasks: readonly Task[]) => void): () => void;

  /** The tasks of a list once (not live), as the first query a page shows. */
  queryList(listId: string): Promise<readonly Task[]>;

  /**
   * Resolves once everything written so far is durable, so a reload finds it (a peer that persists
   * in the background waits for it here; one that commits before resolving writes resolves at once).
   */
  flush(): Promise<void>;

  /** Closes the store (its workers too), so the page can delete its data or open another. */
  close(): Promise<void>;
}

/** How a peer page makes its adapter available to the harness. */
export type PeerFactory = () => TaskPeer;
