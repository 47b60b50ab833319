import * as Comlink from 'comlink';
import { Dexie } from 'dexie';
import type { RequestHandler } from 'msw';
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent, RecordedEvent } from '../src/core/events';
import { replayProjection } from '../src/core/projection';
import { DEFAULT_SCOPE } from '../src/core/syncProtocol';
import { createSyncHandlers } from '../src/mocks/handlers';
import { indexedDbStorage } from '../src/mocks/indexedDbStorage';
import { createMockFetch } from '../src/mocks/mockFetch';
import { loadMsw } from '../src/mocks/workerGlobals';
import { openAccess } from '../src/server/app/auth';
import { createSyncApp } from '../src/server/app/createSyncApp';
import { openStore } from '../worker/store/openStore';
import { createSyncEngine } from '../worker/sync/syncEngine';
import { pullFromServer, type SyncTransport } from '../worker/sync/syncHttp';
import { benchDomain, reading, readings } from './benchDomain';
import { appendWithRxdb } from './rxdbBaseline';
import { scaleApi } from './scale/scaleWorker';

/**
 * The worker side of the benchmarks: each workload beside its baseline, on real IndexedDB in the
 * same worker, so both pay the same browser costs. Every function returns milliseconds measured
 * here, next to the work, and cleans up the databases it made.
 */

let databases = 0;
const freshName = (label: string) => `bench-${label}-${Date.now()}-${++databases}`;
const events = (from: number, count: number, sensor?: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Recorded', data: reading(from + i, sensor) }));

/** A plain Dexie database with the same log table (key and indexes) as Logbook's. */
class RawLog extends Dexie {
  events!: Dexie.Table<Omit<RecordedEvent, 'position'> & { position?: number }, number>;
  kv!: Dexie.Table<{ key: string; value: unknown }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      events: '++position, &id, &[stream+version], serverPosition, [sync+position]',
      kv: 'key',
    });
  }
}

/** The records a raw store would write for the same events: ids, versions, metadata. */
function rawRecords(stream: string, firstVersion: number, batch: NewEvent[]) {
  return batch.map((event, i) => ({
    id: uuidv7(),
    stream,
    version: firstVersion + i,
    type: event.type,
    data: event.data,
    serverPosition: null,
    sync: 'pending',
    metadata: {
      recordedAt: Date.now(),
      clientId: 'bench',
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 1,
    },
  }));
}

/**
 * The sensor a batch is about: a hundred, round robin, so versions grow as in a real log. A batch
 * is appended to its sensor's stream, as a command's events go to its aggregate's stream.
 */
const sensorOf = (batchIndex: number) => `s-${batchIndex % 100}`;
const streamOf = (batchIndex: number) => `sensor-${sensorOf(batchIndex)}`;
const batchOf = (batchIndex: number, from: number, count: number) =>
  events(from, count, sensorOf(batchIndex));

async function timeBatches(
  total: number,
  batchSize: number,
  write: (stream: string, batch: NewEvent[], version: number) => Promise<unknown>,
): Promise<number> {
  const versions = new Map<string, number>();
  const start = performance.now();
  for (let from = 0, index = 0; from < total; from += batchSize, index++) {
    const stream = streamOf(index);
    const batch = batchOf(index, from, Math.min(batchSize, total - from));
    const version = versions.get(stream) ?? 0;
    await write(stream, batch, version + 1);
    versions.set(stream, version + batch.length);
  }
  return performance.now() - start;
}

/** The sync handlers and one that answers a POST to /echo with its body. */
async function withEcho(handlers: Promise<RequestHandler[]>): Promise<RequestHandler[]> {
  const { http, HttpResponse } = await loadMsw();
  const echo = http.post('*/echo', async ({ request }) => HttpResponse.json(await request.json()));
  return [...(await handlers), echo];
}

function mockServer(): SyncTransport {
  const server = createSyncApp({
    storage: indexedDbStorage(freshName('server')),
    auth: openAccess(),
  });
  return {
    fetch: createMockFetch(withEcho(createSyncHandlers(server))),
    url: 'http://bench.local',
    scope: DEFAULT_SCOPE,
  };
}

async function seedStore(name: string, total: number) {
  const store = await openStore({ name, domain: benchDomain });
  for (let from = 0, index = 0; from < total; from += 1000, index++) {
    await store.append(streamOf(index), batchOf(index, from, Math.min(1000, total - from)));
  }
  return store;
}

async function readWholeLog(store: Awaited<ReturnType<typeof seedStore>>) {
  const all: RecordedEvent[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.readAll({ after, limit: 1000 });
    all.push(...page.events);
    ({ lastPosition: after, hasMore } = page);
  }
  return all;
}

/** The key-value table of workload 2's baseline, opened once. */
let kv: RawLog | undefined;

const api = {
  /** Workload 1: appends with the inline projection, beside raw `bulkAdd` and RxDB inserts. */
  async append(total: number, batchSize: number) {
    const logbookName = freshName('append-logbook');
    const store = await openStore({ name: logbookName, domain: benchDomain });
    const logbook = await timeBatches(total, batchSize, (stream, batch, version) =>
      store.append(stream, batch, { expectedVersion: version - 1 }),
    );
    await store.close();

    const raw = new RawLog(freshName('append-dexie'));
    await raw.open();
    const dexie = await timeBatches(total, batchSize, (stream, batch, version) =>
      raw.events.bulkAdd(rawRecords(stream, version, batch)),
    );
    raw.close();

    const rxdb = await appendWithRxdb(freshName('append-rxdb'), (write) =>
      timeBatches(total, batchSize, (stream, batch, version) =>
        write(rawRecords(stream, version, batch)),
      ),
    );
    await Promise.all([Dexie.delete(logbookName), Dexie.delete(raw.name)]);
    return { logbook, dexie, rxdb };
  },

  /** Stores `total` events in a new database for the replay and startup workloads. */
  async seed(total: number) {
    const name = freshName('seeded');
    await (await seedStore(name, total)).close();
    return name;
  },

  /** Workload 3: a cold rebuild of the projection (the page samples memory meanwhile: workload 7). */
  async replay(name: string) {
    const store = await openStore({ name, domain: benchDomain });
    const start = performance.now();
    await store.rebuildProjection('readings');
    await store.projectionsReady();
    const logbook = performance.now() - start;
    await store.close();

    const raw = new Dexie(name);
    await raw.open();
    const baselineStart = performance.now();
    const views = new Map();
    for (let after = 0; ; ) {
      const page = await raw.table('events').where(':id').above(after).limit(500).toArray();
      if (page.length === 0) break;
      replayProjection(readings, page, views);
      after = page.at(-1).position;
    }
    const baseline = performance.now() - baselineStart;
    const logBytes = new Blob([JSON.stringify(await raw.table('events').limit(1000).toArray())])
      .size;
    const total = await raw.table('events').count();
    raw.close();
    return { logbook, baseline, logBytes: (logBytes / Math.min(1000, total)) * total };
  },

  /** Workload 4: push then pull `total` events through the MSW mock server, beside a raw fetch and bulkAdd. */
  async sync(total: number) {
    const transport = mockServer();
    const deviceA = await seedStore(freshName('sync-a'), total);
    const deviceB = await openStore({ name: freshName('sync-b'), domain: benchDomain });
    const engine = (store: typeof deviceA) =>
      createSyncEngine({ store, ...transport, batchSize: 1000 });
    let start = performance.now();
    await engine(deviceA).syncNow();
    const push = performance.now() - start;
    start = performance.now();
    await engine(deviceB).syncNow();
    const pull = performance.now() - start;
    if ((await deviceB.headPosition()) !== total) throw new Error('the pull lost events');

    const body = JSON.stringify(await readWholeLog(deviceA));
    const raw = new RawLog(freshName('sync-raw'));
    await raw.open();
    start = performance.now();
    const echoed = await transport.fetch(new URL('/echo', transport.url), {
      method: 'POST',
      body,
    });
    await raw.events.bulkAdd(
      ((await echoed.json()) as RecordedEvent[]).map(({ position: _, ...event }) => event),
    );
    const baseline = performance.now() - start;
    await Promise.all([deviceA.close(), deviceB.close()]);
    raw.close();
    return { push, pull, baseline };
  },

  /**
   * Workload 5: a pull of `pulled` events from another device onto `pending` local commands,
   * rebasing them, beside what a store without rebases would do: the same pull onto a device with
   * nothing pending, then a full rebuild.
   */
  async rebase(pending: number, pulled: number) {
    const transport = mockServer();
    const other = await openStore({ name: freshName('rebase-other'), domain: benchDomain });
    for (let from = 0; from < pulled; from += 100) {
      await other.append(
        `sensor-s-${(from / 100) % 10}`,
        events(from, Math.min(100, pulled - from)),
      );
    }
    await createSyncEngine({ store: other, ...transport }).syncNow();
    const local = await openStore({ name: freshName('rebase-local'), domain: benchDomain });
    for (let i = 0; i < pending; i++) {
      await local.execute({ type: 'Record', data: { ...reading(i), sensor: `s-${i % 10}` } });
    }
    const idle = await openStore({ name: freshName('rebase-idle'), domain: benchDomain });
    const page = await pullFromServer(transport, 0, pulled);
    let start = performance.now();
    await idle.applyPulled(page.events, page.nextCursor);
    const pullAlone = performance.now() - start;
    start = performance.now();
    const outcome = await local.applyPulled(page.events, page.nextCursor);
    const wholePull = performance.now() - start;
    if (outcome.rebased !== pending) throw new Error(`rebased ${outcome.rebased} of ${pending}`);
    start = performance.now();
    await local.rebuildProjection('readings');
    await local.projectionsReady();
    const rebuild = performance.now() - start;
    await Promise.all([other.close(), local.close(), idle.close()]);
    return { wholePull, pullAlone, rebuild };
  },

  /** Workload 2's baseline: one Dexie put, behind a Comlink call. */
  async openKv() {
    const raw = new RawLog(freshName('kv'));
    await raw.open();
    kv = raw;
  },
  async put(value: number) {
    await kv?.kv.put({ key: 'k', value });
  },

  /** Workload 6's baseline: open an existing database and answer one indexed get. */
  async openAndGet(name: string, key: [string, string]) {
    const raw = new Dexie(name);
    await raw.open();
    const view = await raw.table('views').get(key);
    raw.close();
    return view?.value ?? null;
  },

  drop: (name: string) => Dexie.delete(name),

  ...scaleApi,
};
export type BenchWorker = typeof api;
Comlink.expose(api);
