import { LogbookError } from '../core/errors';
import type { ServerEvent } from '../core/syncProtocol';

/** An event as stored: a server event and the scope it belongs to. */
export type StoredEvent = ServerEvent & { scope: string };

/**
 * An event as its JSON text, `json`: exactly `JSON.stringify` of the `ServerEvent` that
 * `readAfter` gives for it, with what deciding on upcasting needs beside it.
 */
export interface EventJson {
  position: number;
  type: string;
  /** Its `metadata.schemaVersion`. */
  schemaVersion: number;
  json: string;
}

/**
 * What the server logic needs of its storage: one log per scope, each with positions 1, 2, 3, ...
 * and no gap. A storage whose backend cannot be reached throws `StorageUnavailableError` from any
 * method.
 */
export interface SyncStorage {
  /**
   * Runs `work` atomically for one scope: writes to that scope take turns (a row lock in SQL),
   * other scopes' writes may run beside it; if it throws, nothing it wrote is kept.
   */
  exclusive<T>(scope: string, work: (tx: SyncStorageTransaction) => Promise<T>): Promise<T>;
  /** Up to `limit` events of `scope` after `position`, in position order. */
  readAfter(scope: string, position: number, limit: number): Promise<ServerEvent[]>;
  /**
   * Optional, for a storage that keeps events as JSON text: what `readAfter` reads, each event
   * as its JSON text (`EventJson`), so that a pull passes it on without parsing it. The server
   * pulls through `readAfter` when a storage has no `readJsonAfter`.
   */
  readJsonAfter?(scope: string, position: number, limit: number): Promise<EventJson[]>;
  /** The scope's head: the position of its newest event (0 when it has none). */
  head(scope: string): Promise<number>;
  /**
   * Calls `listener(scope, head)` after commits that moved a scope's head, from any instance on
   * the same database (SQL: LISTEN/NOTIFY, sent after commit, coalesced); returns unsubscribe.
   * A listener may miss intermediate heads, never the last one.
   */
  watch(listener: (scope: string, head: number) => void): () => void;
  /** Resolves when the storage can be reached; rejects (StorageUnavailableError) when not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SyncStorageTransaction {
  /** The stream's scope and version (its number of events); null when it has none. */
  streamHead(stream: string): Promise<{ scope: string; version: number } | null>;
  eventsById(ids: readonly string[]): Promise<StoredEvent[]>;
  /** Stores the events (all of the transaction's scope) at that scope's next positions. */
  append(events: readonly Omit<ServerEvent, 'position'>[]): Promise<ServerEvent[]>;
  /** Who first pushed as this device (its `sub`), or null. */
  deviceOwner(clientId: string): Promise<string | null>;
  claimDevice(clientId: string, sub: string): Promise<void>;
}

/**
 * What `append` throws when another transaction, of another scope, stored one of its stream
 * versions or event ids first (each scope's transactions take turns, two scopes' do not): the
 * push planned on a state that is gone, and planning it again gives the right answer. Internal to
 * the server: never answered to a device.
 */
export class ConcurrentPushError extends LogbookError {
  override readonly name = 'ConcurrentPushError';
  /** What was taken: the unique constraint the append broke. */
  readonly constraint: string;
  constructor(details: { constraint: string }) {
    super(`Another push stored the same stream version or event id first (${details.constraint})`);
    this.constraint = details.constraint;
  }
}
