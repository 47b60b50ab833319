import type { LiveRead } from '../transport/workerApi';
import type { LogbookClient } from './connectLogbook';

/** What a live read shows right now. A new object each time it changes, so React sees the change. */
export type LiveSnapshot<T> =
  | { status: 'loading'; data: undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: undefined; error: Error };

interface Entry {
  snapshot: LiveSnapshot<unknown>;
  listeners: Set<() => void>;
  stop?: () => void;
}

const LOADING: LiveSnapshot<never> = { status: 'loading', data: undefined, error: null };

/**
 * Shares live reads between components: one worker watch per distinct read, however many
 * components show it, started with the first subscriber and stopped with the last. Shaped for
 * React's `useSyncExternalStore`.
 */
export class LiveReads {
  readonly #entries = new Map<string, Entry>();
  readonly #client: LogbookClient;

  constructor(client: LogbookClient) {
    this.#client = client;
  }

  subscribe(read: LiveRead, listener: () => void): () => void {
    const key = JSON.stringify(read);
    const entry = this.#entry(key);
    entry.listeners.add(listener);
    if (!entry.stop) this.#watch(read, entry);
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size > 0) return;
      entry.stop?.();
      this.#entries.delete(key);
    };
  }

  /**
   * Reads everything shown again: for a tab coming back from the background, where the browser
   * may have held back timers and messages.
   */
  refresh(): void {
    for (const [key, entry] of this.#entries) {
      entry.stop?.();
      entry.stop = undefined;
      this.#watch(JSON.parse(key) as LiveRead, entry);
    }
  }

  snapshot(read: LiveRead): LiveSnapshot<unknown> {
    return this.#entries.get(JSON.stringify(read))?.snapshot ?? LOADING;
  }

  #watch(read: LiveRead, entry: Entry): void {
    entry.stop = this.#client.watch(read, (result) => {
      entry.snapshot =
        'error' in result
          ? { status: 'error', data: undefined, error: result.error }
          : { status: 'ready', data: result.value, error: null };
      for (const notify of entry.listeners) notify();
    });
  }

  #entry(key: string): Entry {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { snapshot: LOADING, listeners: new Set() };
      this.#entries.set(key, entry);
    }
    return entry;
  }
}
