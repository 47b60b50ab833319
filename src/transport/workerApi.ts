import type { RecordedEvent } from '../core/events';
import type {
  ListQuery,
  LocalStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  SyncReport,
} from '../core/store';
import type { PlainError } from './errorTransfer';
import type { ListSplice } from './listSplice';
import type { ClientSyncOptions, TokenFunction } from './syncOptions';

/** A read the worker re-runs whenever the data it read changes, in this tab or any other. */
export type LiveRead =
  | { method: 'get'; args: [projection: string, key: string] }
  | { method: 'list'; args: [projection: string, query?: ListQuery] }
  | { method: 'readStream'; args: [stream: string, options?: ReadStreamOptions] }
  | { method: 'readAll'; args: [options?: ReadAllOptions] }
  | { method: 'headPosition'; args: [] }
  | { method: 'syncSummary'; args: [] }
  | { method: 'projectionStatus'; args: [] };

/**
 * What a live read reports: the new result, or why it could not be read, or (for a list whose
 * last result was a value) the change from that value to the new one.
 */
export type LiveResult = { value: unknown } | { error: PlainError } | { splice: ListSplice };

/** The store's own calls, served as they are: their types come from the store's. */
type StoreCalls = Pick<
  LocalStore,
  | 'execute'
  | 'append'
  | 'readStream'
  | 'readAll'
  | 'headPosition'
  | 'get'
  | 'list'
  | 'syncSummary'
  | 'aggregateStateAt'
  | 'projectionAt'
  | 'exportLog'
  | 'importLog'
  | 'projectionStatus'
  | 'rebuildProjection'
  | 'projectionsReady'
>;

/**
 * What the worker exposes over Comlink: the store's own calls, and what only the worker does
 * (open, subscriptions and live reads by id, sync across tabs, the worker script's own calls). Untyped by domain on purpose: the
 * main-thread client (`LogbookClient<D>`) puts the domain's types back on top.
 */
export interface WorkerApi extends StoreCalls {
  /**
   * Opens the store, syncing with `sync` over the worker's own sync options, and `token` (a
   * Comlink proxy of the main thread's token function: a function cannot be cloned as part of
   * `sync`). `tabId` names this worker (the sync status names the tab that syncs), and
   * `extension` lists the calls the worker script serves beside the store's, for `callExtension`.
   */
  open(
    options: { name: string; sync?: ClientSyncOptions },
    token?: TokenFunction,
  ): Promise<{ clientId: string; tabId: string; extension: string[] }>;
  /** Calls `onEvent` (a Comlink proxy) for each event after `options.after`; returns an id for `unsubscribe`. */
  subscribe(
    onEvent: (event: RecordedEvent) => Promise<void>,
    options?: Omit<SubscribeOptions, 'onError'>,
  ): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  /**
   * Posts the read's result (a `LiveResult`) on `port` now and after every change, one way: no
   * reply is awaited, as a Comlink proxy would. Returns an id for `unwatch`, which closes the port.
   */
  watch(read: LiveRead, port: MessagePort): Promise<number>;
  unwatch(id: number): Promise<void>;
  /**
   * Syncs with the server now (in the tab that syncs); resolves with what the sync did, or
   * rejects with its error. Null at once when the store does not sync, or when the tab that
   * syncs did not answer in time.
   */
  syncNow(): Promise<SyncReport | null>;
  /** Runs one of the worker script's own calls (a ValidationError names one it does not serve). */
  callExtension(call: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}
