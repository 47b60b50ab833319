import * as Comlink from 'comlink';
import { connectLogbook, type LogbookClient } from '../src/client/connectLogbook';
import type { BenchWorker } from './bench.worker';
import type { benchDomain, SensorTotals } from './benchDomain';
import { reading } from './benchDomain';
import { type BenchRow, rowsForRuns } from './rows';
import { type ScaleRun, scaleRows } from './scale/scaleRows';
import { type BenchSizes, fullSizes, quickSizes, WORKLOADS, type Workload } from './sizes';
import { percentile } from './stats';

type BenchClient = LogbookClient<typeof benchDomain>;

const log = (line: string) => {
  console.log(line);
  const element = document.getElementById('log');
  if (element) element.textContent += `\n${line}`;
};
const now = () => performance.timeOrigin + performance.now();
const storeWorker = () =>
  new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module' });
const benchWorker = () =>
  new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const connect = (name: string) => connectLogbook<typeof benchDomain>(storeWorker(), { name });

/** Resolves once the live view of sensor s-0 has counted `count` readings. */
function watchCount(client: BenchClient) {
  let seen = 0;
  let waiting: { count: number; resolve: () => void } | undefined;
  const stop = client.watch({ method: 'get', args: ['readings', 's-0'] }, (result) => {
    seen = 'value' in result ? ((result.value as SensorTotals | undefined)?.count ?? 0) : seen;
    if (waiting && seen >= waiting.count) waiting.resolve();
  });
  return {
    stop,
    reached: (count: number) =>
      new Promise<void>((resolve) => {
        if (seen >= count) resolve();
        else waiting = { count, resolve };
      }),
  };
}

const recordCommand = (i: number) =>
  ({ type: 'Record', data: { ...reading(i), sensor: 's-0' } }) as const;

/** Workload 2: UI -> worker -> IndexedDB -> live query update back in the UI, per command. */
async function commandRoundTrips(count: number, bench: Comlink.Remote<BenchWorker>) {
  const name = `bench-roundtrip-${Date.now()}`;
  const client = await connect(name);
  const view = watchCount(client);
  await view.reached(0);
  const logbook: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await client.execute(recordCommand(i));
    await view.reached(i + 1);
    logbook.push(performance.now() - start);
  }
  view.stop();
  await client.close();
  await bench.drop(name);

  const worker = benchWorker();
  const remote = Comlink.wrap<BenchWorker>(worker);
  await remote.openKv();
  const baseline: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await remote.put(i);
    baseline.push(performance.now() - start);
  }
  worker.terminate();
  return { logbook, baseline };
}

/**
 * Workload 10: `count` commands from the main thread through the worker, issued at once or one
 * after another, each on a new store, until every result is back and the live view shows them.
 * The commands go round robin to 100 sensors' streams, as the appends of workload 1 do.
 */
async function commandBurst(count: number, bench: Comlink.Remote<BenchWorker>) {
  const timed = async (label: string, issue: (client: BenchClient) => Promise<unknown>) => {
    const name = `bench-burst-${label}-${Date.now()}`;
    const client = await connect(name);
    const view = watchCount(client);
    await view.reached(0);
    const start = performance.now();
    await issue(client);
    await view.reached(Math.ceil(count / 100));
    const ms = performance.now() - start;
    view.stop();
    await client.close();
    await bench.drop(name);
    return ms;
  };
  const command = (i: number) =>
    ({ type: 'Record', data: { ...reading(i), sensor: `s-${i % 100}` } }) as const;
  const commands = Array.from({ length: count }, (_, i) => command(i));
  const sequential = await timed('sequential', async (client) => {
    for (const next of commands) await client.execute(next);
  });
  const burst = await timed('burst', (client) =>
    Promise.all(commands.map((next) => client.execute(next))),
  );
  return { burst, sequential };
}

/** Workload 6: from a new worker to the first query answered, on a store of `seeded` events. */
async function startup(name: string) {
  let start = performance.now();
  const client = await connect(name);
  await client.get('readings', 's-1');
  const logbook = performance.now() - start;
  await client.close();

  start = performance.now();
  const worker = benchWorker();
  await Comlink.wrap<BenchWorker>(worker).openAndGet(name, ['readings', 's-1']);
  const baseline = performance.now() - start;
  worker.terminate();
  return { logbook, baseline };
}

type MemoryMeasurement = {
  breakdown: { bytes: number; attribution: { scope: string; url: string }[] }[];
};

/** Bytes used by the bench worker, as the browser measures them (after a garbage collection). */
async function workerHeap(): Promise<number | null> {
  const measure = (
    performance as { measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement> }
  ).measureUserAgentSpecificMemory;
  if (!crossOriginIsolated || !measure) return null;
  const { breakdown } = await measure.call(performance);
  return breakdown
    .filter((entry) => entry.attribution.some((a) => a.url.includes('bench.worker')))
    .reduce((sum, entry) => sum + entry.bytes, 0);
}

/** Workload 7: samples the bench worker's memory while a replay runs; `stop` gives the peak. */
function sampleWorkerHeap() {
  let peak: number | null = null;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const bytes = await workerHeap();
      if (bytes !== null) peak = Math.max(peak ?? 0, bytes);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      return peak;
    },
  };
}

async function repeat<T>(runs: number, work: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await work());
  return results;
}

/** Runs workloads 1 to 7 and 10 (or those `only` names) and returns their rows; 8 needs two tabs (see crossTab*). */
async function run(quick: boolean, only: readonly Workload[] = WORKLOADS): Promise<BenchRow[]> {
  const sizes: BenchSizes = quick ? quickSizes : fullSizes;
  const wanted = new Set(only);
  const worker = benchWorker();
  const bench = Comlink.wrap<BenchWorker>(worker);
  const rows: BenchRow[] = [];
  const add = (added: BenchRow[]) => {
    for (const row of added)
      log(
        `${row.workload} | ${row.case}: ${row.logbook.median.toFixed(2)} vs ${row.baseline.median.toFixed(2)} ${row.unit}`,
      );
    rows.push(...added);
  };

  for (const batch of wanted.has('append') ? ([1, 10, 100, 1000] as const) : []) {
    const total = sizes.append[batch];
    const results = await repeat(sizes.runs, () => bench.append(total, batch));
    add(rowsForRuns.append(batch, total, results));
  }
  if (wanted.has('roundtrip')) await roundTripRows(sizes, bench, add);
  if (wanted.has('replay')) await replayRows(sizes, bench, add);
  if (wanted.has('sync')) {
    add(rowsForRuns.sync(await repeat(sizes.runs, () => bench.sync(sizes.sync)), sizes.sync));
  }
  if (wanted.has('burst')) {
    add(
      rowsForRuns.burst(
        await repeat(sizes.runs, () => commandBurst(sizes.burst, bench)),
        sizes.burst,
      ),
    );
  }
  for (const pending of wanted.has('rebase') ? sizes.rebasePending : []) {
    const results = await repeat(sizes.runs, () => bench.rebase(pending, sizes.rebasePulled));
    add(rowsForRuns.rebase(pending, sizes.rebasePulled, results));
  }
  if (wanted.has('scale')) add(await scaleRuns(sizes, bench));
  worker.terminate();
  return rows;
}

async function roundTripRows(
  sizes: BenchSizes,
  bench: Comlink.Remote<BenchWorker>,
  add: (rows: BenchRow[]) => void,
) {
  const roundTrips = await repeat(sizes.runs, () => commandRoundTrips(sizes.commands, bench));
  add(
    rowsForRuns.roundTrip(
      roundTrips.map(({ logbook, baseline }) => ({
        p50: percentile(logbook, 50),
        p99: percentile(logbook, 99),
        baselineP50: percentile(baseline, 50),
        baselineP99: percentile(baseline, 99),
      })),
      sizes.commands,
    ),
  );
}

/** Workloads 3, 6 and 7, on one seeded store. */
async function replayRows(
  sizes: BenchSizes,
  bench: Comlink.Remote<BenchWorker>,
  add: (rows: BenchRow[]) => void,
) {
  const seeded = await bench.seed(sizes.replay);
  const replays = await repeat(sizes.runs, async () => {
    const sampling = sampleWorkerHeap();
    const result = await bench.replay(seeded);
    return { ...result, peakHeap: await sampling.stop() };
  });
  add(rowsForRuns.replay(replays, sizes.replay));
  await startup(seeded); // warms the browser's module cache for both workers
  add(rowsForRuns.startup(await repeat(sizes.runs, () => startup(seeded)), sizes.replay));
  await bench.drop(seeded);
}

/**
 * Workload 11: a log of `sizes.scale.events` events with one long stream among them; per run a
 * cold rebuild, startup, a temporal query at the middle of the stream and an export, each beside
 * its baseline, the bench worker's memory sampled during the rebuild and the export.
 */
async function scaleRuns(sizes: BenchSizes, bench: Comlink.Remote<BenchWorker>) {
  const { events, stream } = sizes.scale;
  const name = `bench-scale-${Date.now()}`;
  const seeding = performance.now();
  const { logBytes } = await bench.seedScale(name, events, stream);
  log(`scale: ${events} events seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const middle = stream / 2;
  const sampled = async <T>(work: () => Promise<T>) => {
    const sampling = sampleWorkerHeap();
    const result = await work();
    return { result, peakHeap: await sampling.stop() };
  };
  await startup(name); // warms the browser's module cache for both workers
  const runs = await repeat(sizes.runs, async (): Promise<ScaleRun> => {
    const rebuilt = await sampled(() => bench.scaleRebuild(name));
    const rebuild = { logbook: rebuilt.result, baseline: await bench.scaleRebuildBaseline(name) };
    log(`scale: rebuild ${rebuild.logbook.toFixed(0)} vs ${rebuild.baseline.toFixed(0)} ms`);
    const exported = await sampled(() => bench.scaleExport(name));
    const exportBaseline = await bench.scaleExportBaseline(name);
    log(`scale: export ${exported.result.ms.toFixed(0)} vs ${exportBaseline.ms.toFixed(0)} ms`);
    const run: ScaleRun = {
      startup: await startup(name),
      rebuild: { ...rebuild, peakHeap: rebuilt.peakHeap },
      temporal: await bench.scaleTemporal(name, middle, 5),
      export: {
        logbook: exported.result.ms,
        baseline: exportBaseline.ms,
        peakHeap: exported.peakHeap,
      },
      logBytes,
    };
    // Each run whole, as it ends: a run of 1M events is long, and one cut short keeps these.
    log(`scale: run ${JSON.stringify(run)}`);
    return run;
  });
  await bench.drop(name);
  return scaleRows(runs, events, stream, middle);
}

/** Workload 8, the receiving tab: when each of `count` commands from another tab shows here. */
async function crossTabListen(name: string, count: number): Promise<number[]> {
  const client = await connect(name);
  const arrivals: number[] = [];
  const view = watchCount(client);
  for (let i = 1; i <= count; i++) {
    await view.reached(i);
    arrivals.push(now());
  }
  view.stop();
  await client.close();
  return arrivals;
}

/** Workload 8, the sending tab: when each command was sent, spaced so updates do not merge. */
async function crossTabSend(name: string, count: number): Promise<number[]> {
  const client = await connect(name);
  const sent: number[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    sent.push(now());
    await client.execute(recordCommand(i));
  }
  await client.close();
  return sent;
}

/** Workload 8's baseline: a raw BroadcastChannel message between the same two tabs. */
function channelListen(count: number): Promise<number[]> {
  const channel = new BroadcastChannel('bench-baseline');
  const arrivals: number[] = [];
  return new Promise((resolve) => {
    channel.onmessage = () => {
      arrivals.push(now());
      if (arrivals.length === count) {
        channel.close();
        resolve(arrivals);
      }
    };
  });
}

async function channelSend(count: number): Promise<number[]> {
  const channel = new BroadcastChannel('bench-baseline');
  const sent: number[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    sent.push(now());
    channel.postMessage(i);
  }
  channel.close();
  return sent;
}

const api = { run, crossTabListen, crossTabSend, channelListen, channelSend };
export type BenchPage = typeof api;
(window as unknown as { bench: BenchPage }).bench = api;
