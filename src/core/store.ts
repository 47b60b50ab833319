import type { Domain, DomainCommand, ProjectionName, ViewOf } from './domain';
import type { NewEvent, RecordedEvent } from './events';
import type { ExpectedVersion } from './expectedVersion';
import type { IndexValue } from './projection';
import type { ServerEvent } from './syncProtocol';

/**
 * The contract every Logbook store keeps, whatever it runs on (Dexie in a worker, Dexie in Node on
 * fake IndexedDB, a Comlink proxy of the worker). The conformance suite proves it for each.
 */
export interface EventStore {
  /** This device's id, stamped on every event it records. */
  readonly clientId: string;

  /**
   * Appends events to one stream, atomically. Throws `WrongExpectedVersionError` when the stream is
   * not at `expectedVersion` (default `'any'`). Events whose ids are all stored already (a retry)
   * are not stored again: the original result comes back.
   */
  append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /** Events of one stream in version order (or reverse), optionally bounded. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** One page of the whole log in log order. Page on with `after: page.lastPosition`. */
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;

  /**
   * Delivers every event after `after`, in log order, one at a time: first those stored (catch-up),
   * then each new one as it is stored by this or any other store on the same database.
   */
  subscribe(handler: EventHandler, options?: SubscribeOptions): Unsubscribe;

  /** The position of the newest event in the log (0 when empty). */
  headPosition(): Promise<number>;

  close(): Promise<void>;
}

/**
 * A command that sync found it cannot keep: a rebase on other devices' events found it now breaks
 * a rule, or the server refused one of its events for its content. Its events left the log. An
 * event appended without a command is rejected as its own entry: its id and type.
 */
export interface RejectedCommand {
  commandId: string;
  type: string;
  reason: string;
}

/** What the sync engine last reported: shared by every tab through the store. */
export interface SyncStatus {
  /**
   * `unauthorized`: the server refused the token (401) even after asking for a new one, or
   * refused a scope (403); `lastError` has the server's words, and a new token fixes it.
   */
  state: 'idle' | 'syncing' | 'offline' | 'unauthorized' | 'error';
  /** When the last sync finished without error (ms since the epoch). */
  lastSyncAt: number | null;
  lastError: string | null;
  /** The tab (worker) that syncs for every tab of this device. */
  leader: string | null;
  /**
   * When the engine syncs next on its own (after a failure, backing off; or the periodic sync).
   * Null when it waits for a local change, `online` or a manual sync: after the server refused
   * the request itself (a 4xx), sending it again unchanged would only be refused again.
   */
  nextSyncAt: number | null;
}

/** What one `syncNow()` did. */
export interface SyncReport {
  /** Events the server accepted from this device. */
  pushed: number;
  /** Events from other devices added to the log. */
  pulled: number;
  /** Pending events decided again on top of them. */
  rebased: number;
  /** Commands rejected on the way: by a rebase, or refused by the server. */
  rejected: RejectedCommand[];
}

/** One event the server refused for its content, and why. */
export interface Refusal {
  eventId: string;
  reason: string;
}

export interface SyncSummary {
  status: SyncStatus;
  /** Events not yet accepted by the server. */
  pending: number;
  rejected: RejectedCommand[];
}

export interface PullOutcome {
  /** Events from other devices added to the log. */
  received: number;
  /** Pending events decided again on top of them. */
  rebased: number;
  rejected: RejectedCommand[];
}

/**
 * The store's side of sync: what a sync engine (or a test) uses to exchange events with a server.
 * Projections always equal a replay of the log in replay order: settled events in the order this
 * device settled them, then unsettled ones (accepted and pending) in the order they were recorded.
 */
export interface SyncableStore {
  /** Events no server has accepted yet, oldest first. */
  pendingEvents(limit: number): Promise<RecordedEvent[]>;
  /**
   * Records the server's acceptance of pushed events (their server positions). `position` is
   * where `pendingEvents` said the event was; an event no longer there is found by its id.
   * Events that directly follow `pullCursor()` settle at once and move the cursor past them.
   */
  confirmEvents(
    acks: readonly { id: string; position: number; serverPosition: number }[],
    scope?: string,
  ): Promise<void>;
  /**
   * The server position this device has pulled `scope` up to. Each scope has its own positions
   * on the server, so its own cursor here; `scope` defaults to `DEFAULT_SCOPE`, as below.
   */
  pullCursor(scope?: string): Promise<number>;
  /**
   * Adds a page of `scope`'s server events (in server order, after `pullCursor(scope)`) to the
   * log, and rebases pending commands that other devices' events conflict with, per their
   * aggregate's strategy.
   */
  applyPulled(
    events: readonly ServerEvent[],
    nextCursor: number,
    scope?: string,
  ): Promise<PullOutcome>;
  /**
   * Gives up pending work that cannot be pushed (the server refused one of its events, say), in
   * one transaction: the commands that recorded the refused events are rejected with the reason
   * and listed in `syncSummary().rejected`, their events leave the log, and the rest of the
   * pending work is decided again without them. Ids of events not pending are ignored.
   */
  rejectPending(refusals: readonly Refusal[]): Promise<RejectedCommand[]>;
  syncSummary(): Promise<SyncSummary>;
  recordSyncStatus(status: SyncStatus): Promise<void>;
}

/** A store bound to a domain: commands through deciders, and projections to query. */
export interface LogbookStore<D extends Domain = Domain> extends EventStore {
  /**
   * Validates the command, loads its aggregate, decides, and appends with the loaded version as
   * the expected version, retrying when another writer got there first. The same command id twice
   * returns the first result and appends nothing.
   */
  execute(command: DomainCommand<D>): Promise<CommandResult>;

  /** One view of a projection by key. */
  get<Name extends ProjectionName<D>>(
    projection: Name,
    key: string,
  ): Promise<ViewOf<D, Name> | undefined>;

  /** Views of a projection in key order, all or those whose index has a value, without reading the log. */
  list<Name extends ProjectionName<D>>(
    projection: Name,
    query?: ListQuery,
  ): Promise<ViewOf<D, Name>[]>;
}

/** A point in a stream's history: after a version, or as it stood at a time (ms since the epoch). */
export type StreamPoint = { version: number } | { at: number };

/** A point in the log's history: after a log position, or as it stood at a time. */
export type LogPoint = { position: number } | { at: number };

/** Temporal queries, backups and replays. */
export interface HistoryStore<D extends Domain = Domain> {
  /** An aggregate's state at a point of its stream's history, folded from the log. */
  aggregateStateAt(aggregate: string, stream: string, point: StreamPoint): Promise<unknown>;
  /**
   * A projection's views, in key order, as they were at a point of the log: the events at or
   * before the local position (or recorded by the time), replayed in memory in replay order as
   * the stored views are, without touching them.
   */
  projectionAt<Name extends ProjectionName<D>>(
    projection: Name,
    point: LogPoint,
  ): Promise<ViewOf<D, Name>[]>;
  /** One page of the log as NDJSON, one event a line, in log order. */
  exportLog(options?: { after?: number; limit?: number }): Promise<ExportPage>;
  /**
   * Imports an NDJSON export into an empty store. Every line is checked before anything is
   * written: a bad one throws `ImportError` with its line number, and nothing is imported.
   */
  importLog(ndjson: string): Promise<{ imported: number }>;
  /** Each projection's version, and whether it is ready, being rebuilt (with progress) or failed. */
  projectionStatus(): Promise<ProjectionStatus[]>;
  /**
   * Replays one projection from the log again, in the background, as if its version had changed:
   * its queries throw `ProjectionRebuildingError` until the rebuild is done.
   */
  rebuildProjection(projection: ProjectionName<D>): Promise<void>;
  /** Resolves when no projection is being rebuilt any more. */
  projectionsReady(): Promise<void>;
}

/**
 * A projection's version and state: `ready`, `rebuilding` (with progress), or `failed`: it threw
 * on an event from elsewhere (pulled, rebased, replayed), named here; its queries throw
 * `ProjectionFailedError` until a rebuild or a new version replays it.
 */
export type ProjectionStatus = {
  name: string;
  version: number;
  /** Events replayed so far by a rebuild (all when ready, none when failed), and the events in the log. */
  processed: number;
  total: number;
} & (
  | { status: 'ready' | 'rebuilding' }
  | { status: 'failed'; eventId: string; eventType: string; reason: string }
);

export interface ExportPage {
  ndjson: string;
  lastPosition: number;
  hasMore: boolean;
}

/** The store as it runs next to IndexedDB: the contract, plus its side of sync and history. */
export type LocalStore<D extends Domain = Domain> = LogbookStore<D> &
  SyncableStore &
  HistoryStore<D>;

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  stream: string;
  events: RecordedEvent[];
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  nextExpectedVersion: number;
}

export interface ReadStreamOptions {
  /** First version to read (inclusive): the lowest going forwards, the highest going backwards. */
  from?: number;
  /** Last version to read (inclusive). */
  to?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface ReadAllOptions {
  /** Read events after this log position (default 0: from the start). */
  after?: number;
  /** Page size (default 500). */
  limit?: number;
  /** Only events of these types. */
  types?: readonly string[];
  /** Only events of this stream. */
  stream?: string;
  /** Only events of streams whose name starts with this (`'cart-'`, a scope's `'shop-1/'`). */
  streamPrefix?: string;
  /** Only events recorded by this device. */
  clientId?: string;
  /** Only events recorded at or after this time (ms since the epoch). */
  recordedFrom?: number;
  /** Only events recorded at or before this time (ms since the epoch). */
  recordedTo?: number;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** The position to read after for the next page. */
  lastPosition: number;
  hasMore: boolean;
}

export interface SubscribeOptions {
  after?: number;
  types?: readonly string[];
  /** Called when the handler throws; the subscription stops. */
  onError?: (error: unknown) => void;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;
export type Unsubscribe = () => void;

export interface CommandResult {
  commandId: string;
  /** The events the command appended, in every stream it touched (its policies' too). */
  events: RecordedEvent[];
  /** How many times the command was decided (1 unless another writer got in first); 0 when replayed. */
  attempts: number;
}

export interface ListQuery {
  /** List views whose `index` is `equals`, or within `from`..`to` (inclusive). */
  index?: string;
  equals?: IndexValue;
  from?: IndexValue;
  to?: IndexValue;
  limit?: number;
  offset?: number;
  reverse?: boolean;
}
