import type { Command } from '../core/commands';
import type { NewEvent, RecordedEvent } from '../core/events';
import type {
  AppendOptions,
  AppendResult,
  CommandResult,
  ExportPage,
  ListQuery,
  LogPoint,
  ProjectionStatus,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  StreamPoint,
  SubscribeOptions,
  SyncReport,
  SyncSummary,
} from '../core/store';
import type { PlainError } from './errorTransfer';

/** A read the worker re-runs whenever the data it read changes, in this tab or any other. */
export type LiveRead =
  | { method: 'get'; args: [projection: string, key: string] }
  | { method: 'list'; args: [projection: string, query?: ListQuery] }
  | { method: 'readStream'; args: [stream: string, options?: ReadStreamOptions] }
  | { method: 'readAll'; args: [options?: ReadAllOptions] }
  | { method: 'headPosition'; args: [] }
  | { method: 'syncSummary'; args: [] }
  | { method: 'projectionStatus'; args: [] };

/** What a live read reports: the new result, or why it could not be read. */
export type LiveResult = { value: unknown } | { error: PlainError };

/**
 * What the worker exposes over Comlink. Untyped by domain on purpose: the main-thread client
 * (`LogbookClient<D>`) puts the domain's types back on top.
 */
export interface WorkerApi {
  /** Opens the store; `tabId` names this worker (the sync status names the tab that syncs). */
  open(options: { name: string }): Promise<{ clientId: string; tabId: string }>;
  execute(command: Command): Promise<CommandResult>;
  append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  headPosition(): Promise<number>;
  get(projection: string, key: string): Promise<unknown>;
  list(projection: string, query?: ListQuery): Promise<unknown[]>;
  /** Calls `onEvent` (a Comlink proxy) for each event after `options.after`; returns an id for `unsubscribe`. */
  subscribe(
    onEvent: (event: RecordedEvent) => Promise<void>,
    options?: Omit<SubscribeOptions, 'onError'>,
  ): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  /** Calls `onChange` (a Comlink proxy) with the read's result now and after every change; returns an id for `unwatch`. */
  watch(read: LiveRead, onChange: (result: LiveResult) => void): Promise<number>;
  unwatch(id: number): Promise<void>;
  syncSummary(): Promise<SyncSummary>;
  aggregateStateAt(aggregate: string, stream: string, point: StreamPoint): Promise<unknown>;
  projectionAt(projection: string, point: LogPoint): Promise<unknown[]>;
  exportLog(options?: { after?: number; limit?: number }): Promise<ExportPage>;
  importLog(ndjson: string): Promise<{ imported: number }>;
  projectionStatus(): Promise<ProjectionStatus[]>;
  rebuildProjection(projection: string): Promise<void>;
  projectionsReady(): Promise<void>;
  /**
   * Syncs with the server now (in the tab that syncs); resolves with what the sync did, or
   * rejects with its error. Null at once when the store does not sync, or when the tab that
   * syncs did not answer in time.
   */
  syncNow(): Promise<SyncReport | null>;
  /** Changes the simulated network of a mock sync server (a ValidationError when there is none). */
  simulateNetwork(settings: Partial<NetworkSimulation>): Promise<NetworkSimulation>;
  close(): Promise<void>;
}

/** How a mock server's network behaves: for demos and tests of offline work. */
export interface NetworkSimulation {
  /** Every request fails as if the device had no network. */
  offline: boolean;
  /** Delay before each answer. */
  latencyMs: number;
  /** Share of requests (0..1) that fail with a 500 before the server sees them. */
  failureRate: number;
}
