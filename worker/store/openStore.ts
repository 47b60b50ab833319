import { v7 as uuidv7 } from 'uuid';
import type { Domain } from '../../src/core/domain';
import { StoreVersionError } from '../../src/core/errors';
import type { NewEvent } from '../../src/core/events';
import { parseAppendOptions } from '../../src/core/options';
import type { AppendOptions, AppendResult, LocalStore } from '../../src/core/store';
import { DEFAULT_SCOPE } from '../../src/core/syncProtocol';
import {
  eventRulesOf,
  validateAppends,
  validateMaxEventBytes,
  validateStreamName,
} from '../../src/core/validation';
import { commandExecutor } from '../commands/executeCommand';
import { type EventRow, LogbookDatabase } from '../db/database';
import { readPullCursor } from '../db/pullCursor';
import { pendingEvents, pendingRows } from '../db/syncStates';
import { recordSyncStatus, syncSummary } from '../db/syncStatus';
import { exportLog } from '../history/exportLog';
import { importLog } from '../history/importLog';
import { aggregateStateAt, projectionAt } from '../history/temporal';
import { keepLiveViews, LiveViews } from '../live/liveViews';
import { headPosition, readAll, readStream } from '../log/readLog';
import { subscribeToLog } from '../log/subscribeToLog';
import { projectionStatus } from '../projections/projectionStatus';
import { getView, listViews, projectionNamed } from '../projections/queryViews';
import {
  rebuildProjections,
  resetChangedProjections,
  resetProjection,
} from '../projections/rebuildProjections';
import { applyPulled } from '../settle/applyPulled';
import { confirmEvents } from '../settle/confirmEvents';
import { rejectPending } from '../settle/rejectPending';
import { writeEvents } from '../write/writeEvents';

export interface StoreOptions<D extends Domain> {
  /** The IndexedDB database name: one per device (and per app) on this origin. */
  name: string;
  domain: D;
  /**
   * Events whose data is larger than this (as UTF-8 JSON) are refused. Default and most
   * `LIMITS.maxEventBytes` (64 KiB): the server refuses larger events.
   */
  maxEventBytes?: number;
  /**
   * How long `execute` keeps deciding a command again while other tabs or devices keep moving its
   * streams first, before it gives up with `CommandConflictError`. Default 10 s.
   */
  commandRetryMs?: number;
  /** Events per transaction when a projection is rebuilt in the background. Default 1000. */
  rebuildBatchSize?: number;
  /** The time recorded on events (`metadata.recordedAt`); tests inject a simulated one. */
  clock?: { now(): number };
}

/**
 * Opens (or creates) a store on IndexedDB: the log, the command records and the projections'
 * views. Brings projections up to their declared versions before it resolves.
 */
export async function openStore<const D extends Domain>(
  options: StoreOptions<D>,
): Promise<LocalStore<D>> {
  validateStreamName(options.name, 'name');
  const maxEventBytes = validateMaxEventBytes(options.maxEventBytes);
  const db = new LogbookDatabase(options.name, options.domain.upcasters);
  const liveViews = new LiveViews(db, options.domain);
  await openCurrentSchema(db, options.name);
  const clientId = await deviceId(db);
  await resetChangedProjections(db, options.domain.projections);
  const now = () => (options.clock ? options.clock.now() : Date.now());
  let closed = false;
  /**
   * The raw rows the last push-sized `pendingEvents` read, by position: the acknowledgment of a
   * push takes those still pending from here rather than reading them again (`confirmEvents`).
   */
  let pushedRows: ReadonlyMap<number, EventRow> = new Map();
  // Rebuilds run in the background, batch by batch; queries of a rebuilding projection say so.
  const rebuildInBackground = () =>
    rebuildProjections(db, options.domain.projections, {
      batchSize: options.rebuildBatchSize,
      stopped: () => closed,
    });
  let rebuilt = rebuildInBackground();
  const execute = commandExecutor({
    db,
    domain: options.domain,
    clientId,
    maxEventBytes,
    retryMs: options.commandRetryMs ?? 10_000,
    now,
  });

  const store: LocalStore = {
    clientId,
    async append(stream: string, events: NewEvent[], appendOptions?: AppendOptions | null) {
      validateStreamName(stream);
      const { expectedVersion = 'any' } = parseAppendOptions(appendOptions);
      validateAppends([{ stream, events }], {
        domain: options.domain,
        maxEventBytes,
        clientId,
        commandId: null,
      });
      const [recorded = []] = await writeEvents(
        db,
        options.domain,
        [{ stream, expectedVersion, events }],
        { clientId, commandId: null, now: now() },
      );
      return {
        stream,
        events: recorded,
        nextExpectedVersion: recorded.at(-1)?.version ?? 0,
      } satisfies AppendResult;
    },
    readStream: (stream, readOptions) => readStream(db, stream, readOptions),
    readAll: (readOptions) => readAll(db, readOptions),
    subscribe: (handler, subscribeOptions) => subscribeToLog(db, handler, subscribeOptions),
    headPosition: () => headPosition(db),
    execute: (command) => execute(command),
    get: (projection, key) => getView(db, options.domain, projection, key) as Promise<never>,
    aggregateStateAt: (aggregate, stream, point) =>
      aggregateStateAt(db, options.domain, aggregate, stream, point),
    projectionAt: (projection, point) =>
      projectionAt(db, options.domain, projection, point) as Promise<never>,
    exportLog: (exportOptions) => exportLog(db, exportOptions),
    importLog: (ndjson) =>
      importLog(db, options.domain, ndjson, eventRulesOf(options.domain, maxEventBytes)),
    async pendingEvents(limit) {
      // The whole queue (a watch of pending work) is not what a push reads: kept rows stay.
      if (limit === Number.POSITIVE_INFINITY) return pendingEvents(db, limit);
      const rows = await pendingRows(db, limit);
      pushedRows = new Map(rows.map((row) => [row.position, row]));
      return rows.map((row) => db.recorded(row));
    },
    confirmEvents(acks, scope = DEFAULT_SCOPE) {
      const readBefore = pushedRows;
      pushedRows = new Map();
      return confirmEvents({ db, domain: options.domain, clientId }, acks, scope, readBefore);
    },
    // Read-write: a device that synced one scope before hands its cursor to a scope (see there).
    pullCursor: (scope) =>
      db.transaction('rw', db.meta, db.events, () =>
        readPullCursor(db, scope, options.domain.scopeOf),
      ),
    applyPulled: (events, nextCursor, scope = DEFAULT_SCOPE) =>
      applyPulled({ db, domain: options.domain, clientId }, { scope, events, nextCursor }),
    rejectPending: (refusals) => rejectPending({ db, domain: options.domain, clientId }, refusals),
    syncSummary: () => syncSummary(db),
    recordSyncStatus: (status) => recordSyncStatus(db, status),
    list: (projection, query) => listViews(db, options.domain, projection, query) as Promise<never>,
    projectionStatus: () => projectionStatus(db, options.domain),
    async rebuildProjection(name) {
      await resetProjection(db, projectionNamed(options.domain, name));
      rebuilt = rebuilt.then(rebuildInBackground);
    },
    projectionsReady: () => rebuilt,
    async close() {
      closed = true;
      await rebuilt.catch(() => undefined);
      liveViews.close();
      db.close();
    },
  };
  keepLiveViews(store, liveViews);
  return store as LocalStore<D>;
}

/**
 * Opens the database, refusing one that a newer app version has upgraded: its data may be in a
 * shape this code does not know, so this tab must not read or write it.
 */
async function openCurrentSchema(db: LogbookDatabase, name: string): Promise<void> {
  await db.open().catch((error: Error) => {
    throw error.name === 'VersionError' ? new StoreVersionError({ database: name }) : error;
  });
  // Dexie stores version N as IndexedDB version N * 10.
  if (db.backendDB().version > db.verno * 10) {
    db.close();
    throw new StoreVersionError({ database: name });
  }
}

/** This database's device id: made once, kept with the data it stamps. */
async function deviceId(db: LogbookDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await db.meta.get('clientId');
    if (typeof stored?.value === 'string') return stored.value;
    const id = uuidv7();
    await db.meta.put({ key: 'clientId', value: id });
    return id;
  });
}
