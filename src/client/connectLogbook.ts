import * as Comlink from 'comlink';
import { v7 as uuidv7 } from 'uuid';
import type { Domain } from '../core/domain';
import type { NewEvent, RecordedEvent } from '../core/events';
import type {
  AppendOptions,
  AppendResult,
  CommandResult,
  EventHandler,
  HistoryStore,
  ListQuery,
  LogbookStore,
  LogPoint,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  SubscribeOptions,
  SyncReport,
  SyncSummary,
  Unsubscribe,
} from '../core/store';
import { validateCommandEnvelope, validateNewEvents } from '../core/validation';
import { keepErrorDetailsAcrossComlink, plainToError } from '../transport/errorTransfer';
import { splicedList } from '../transport/listSplice';
import type { ClientSyncOptions } from '../transport/syncOptions';
import type { LiveRead, LiveResult, WorkerApi } from '../transport/workerApi';
import type { NoExtension, RemoteExtension, WorkerExtension } from '../transport/workerExtension';

export interface ConnectOptions {
  /** The store's database name: one per device on this origin. */
  name: string;
  /** Terminate the worker on `close()` (default true: the client owns the worker). */
  terminateOnClose?: boolean;
  /**
   * Sync with a server: these fields win over the worker's `exposeStore(domain, { sync })`. The
   * token function stays here, on the main thread; the worker calls it when it needs a token.
   */
  sync?: ClientSyncOptions;
}

/**
 * Called with a live read's result each time it changes, or with the error that stopped it. A
 * list comes as a frozen array, a new one each time, in which the items a change did not touch
 * are the same objects as before.
 */
export type LiveListener = (result: { value: unknown } | { error: Error }) => void;

/**
 * The main thread's handle on a store running in a worker. It keeps the domain's types (command
 * names and payloads, view shapes) that the untyped wire API drops, and the store contract, so
 * code written against `LogbookStore<D>` runs unchanged against the worker. `E` is the type of
 * the calls the worker script serves beside the store (`exposeStore`'s `extend`).
 */
export interface LogbookClient<D extends Domain = Domain, E extends WorkerExtension = NoExtension>
  extends LogbookStore<D>,
    HistoryStore<D> {
  /** This tab's worker: compare with the sync status's `leader` to know if this tab syncs. */
  readonly tabId: string;
  /** Runs `read` in the worker now and again whenever its data changes, from any tab. */
  watch(read: LiveRead, listener: LiveListener): Unsubscribe;
  /** Sync status, pending count and commands a rebase rejected. */
  syncSummary(): Promise<SyncSummary>;
  /**
   * Syncs with the server now; resolves with what the sync did (null when the store does not
   * sync, or the tab that syncs did not answer in time), or rejects with its error.
   */
  syncNow(): Promise<SyncReport | null>;
  /** The worker script's own calls, for the store this client opened. */
  readonly extension: RemoteExtension<E>;
}

/**
 * Opens the store in the worker. A token function crosses as a Comlink proxy of its own; anything
 * else in `token`'s place goes as it is, for the worker to name it (it checks every option).
 */
function openIn(remote: Comlink.Remote<WorkerApi>, name: string, sync?: ClientSyncOptions) {
  if (!sync) return remote.open({ name });
  // Fields left unset are left out, so that the worker's own hold.
  const { token, ...rest } = Object.fromEntries(
    Object.entries(sync).filter(([, value]) => value !== undefined),
  ) as ClientSyncOptions;
  return typeof token === 'function'
    ? remote.open({ name, sync: rest }, Comlink.proxy(token))
    : remote.open({ name, sync: { ...rest, token } });
}

/** Opens the store `name` in `worker` and resolves once it is ready. */
export async function connectLogbook<D extends Domain, E extends WorkerExtension = NoExtension>(
  worker: Worker | Comlink.Endpoint,
  { name, terminateOnClose = true, sync }: ConnectOptions,
): Promise<LogbookClient<D, E>> {
  keepErrorDetailsAcrossComlink();
  const remote = Comlink.wrap<WorkerApi>(worker);
  const { clientId, tabId, extension } = await openIn(remote, name, sync);

  const release = (idPromise: Promise<number>, stop: (id: number) => Promise<void>) => () => {
    void idPromise.then(stop, () => undefined);
  };

  const client: LogbookClient<Domain, WorkerExtension> = {
    clientId,
    tabId,
    extension: Object.fromEntries(
      extension.map((call) => [call, (...args: unknown[]) => remote.callExtension(call, args)]),
    ),
    // What cannot cross to the worker as it is (a function, a symbol key, an unknown field) is
    // named here, as the worker would name it.
    async execute(command) {
      validateCommandEnvelope(command);
      return remote.execute({ ...command, id: command.id ?? uuidv7() }) as Promise<CommandResult>;
    },
    async append(stream: string, events: NewEvent[], options?: AppendOptions) {
      validateNewEvents(events);
      return remote.append(stream, events, options) as Promise<AppendResult>;
    },
    readStream: (stream: string, options?: ReadStreamOptions) =>
      remote.readStream(stream, options) as Promise<RecordedEvent[]>,
    readAll: (options?: ReadAllOptions) => remote.readAll(options) as Promise<ReadAllPage>,
    headPosition: () => remote.headPosition(),
    get: (projection: string, key: string) => remote.get(projection, key) as Promise<never>,
    list: (projection: string, query?: ListQuery) =>
      remote.list(projection, query) as Promise<never>,
    subscribe(handler: EventHandler, options: SubscribeOptions = {}) {
      const { onError, ...wireOptions } = options;
      const onEvent = async (event: RecordedEvent) => {
        try {
          await handler(event);
        } catch (error) {
          onError?.(error);
          throw error;
        }
      };
      return release(remote.subscribe(Comlink.proxy(onEvent), wireOptions), remote.unsubscribe);
    },
    watch(read, listener) {
      // What the listener was shown last: a list's change comes as a splice of it.
      let shown: unknown;
      // Results come one way on a port of their own, in order: nothing is answered back.
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = ({ data: result }: MessageEvent<LiveResult>) => {
        if ('error' in result) return listener({ error: plainToError(result.error) });
        if ('splice' in result) shown = splicedList(shown as unknown[], result.splice);
        else shown = Array.isArray(result.value) ? Object.freeze(result.value) : result.value;
        listener({ value: shown });
      };
      const stop = release(remote.watch(read, Comlink.transfer(port2, [port2])), remote.unwatch);
      return () => {
        port1.close();
        stop();
      };
    },
    syncSummary: () => remote.syncSummary(),
    aggregateStateAt: (aggregate, stream, point) =>
      remote.aggregateStateAt(aggregate, stream, point),
    projectionAt: (projection: string, point: LogPoint) =>
      remote.projectionAt(projection, point) as Promise<never>,
    exportLog: (options) => remote.exportLog(options),
    importLog: (ndjson) => remote.importLog(ndjson),
    projectionStatus: () => remote.projectionStatus(),
    rebuildProjection: (projection: string) => remote.rebuildProjection(projection),
    projectionsReady: () => remote.projectionsReady(),
    syncNow: () => remote.syncNow(),
    async close() {
      await remote.close();
      remote[Comlink.releaseProxy]();
      if (terminateOnClose && 'terminate' in worker) worker.terminate();
    },
  };
  return client as unknown as LogbookClient<D, E>;
}
