import type { ServerEvent } from '../core/syncProtocol';

/** What the server logic needs of its storage: a log of events with global positions. */
export interface SyncStorage {
  /**
   * Runs `work` atomically: no other write interleaves, and if it throws nothing it wrote is kept
   * (a mutex and a rollback in memory, a transaction in IndexedDB).
   */
  exclusive<T>(work: (transaction: SyncStorageTransaction) => Promise<T>): Promise<T>;
  /** Up to `limit` events after `position`, in position order. */
  readAfter(position: number, limit: number): Promise<ServerEvent[]>;
}

export interface SyncStorageTransaction {
  /** The stream's version: its number of events (0 when it has none). */
  streamVersion(stream: string): Promise<number>;
  eventsById(ids: readonly string[]): Promise<ServerEvent[]>;
  /** Stores the events at the next global positions (1, 2, 3, ...) and returns them with those. */
  append(events: readonly Omit<ServerEvent, 'position'>[]): Promise<ServerEvent[]>;
}
