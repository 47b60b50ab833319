import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { packageAliases } from '../../../scripts/packageEntries.ts';
import { chromiumLaunchOptions } from '../../../test/chromium.ts';
import { chosenNames } from '../../chosenNames';
import {
  measuredNow,
  type RunMode,
  replaceReadmeSection,
  root,
  writeResultsJson,
} from '../../resultsFiles';
import { median, percentile, spread } from '../../stats';
import type { PeerBenchPage } from './page';
import { measuredFigure, type PeerFigure, type PeerRow } from './peerRows';
import { figuresOf, type PeerRuns, runPerPeer, withinLimit } from './peerRuns';
import { PEER_NAMES, type PeerName } from './registry';
import { renderPeerSvg, renderPeerTable } from './report';
import { fullSizes, PEER_WORKLOADS, type PeerSizes, type PeerWorkload, quickSizes } from './sizes';

const PORT = 4200;
const outDir = `${root}test-results/peers-site`;
/** A workload step that takes longer than this has hung (a limit, not a speed check). */
const STEP_LIMIT_MS = Number(process.env.LOGBOOK_PEER_STEP_LIMIT_MS ?? 10 * 60_000);
const CLOSE_LIMIT_MS = 30_000;

type Bench = { peerBench: PeerBenchPage; peerBenchReady: Promise<void> };

/** One tab of the harness: `peer`'s page (none: the harness alone), with `query` added. */
class PeerTab {
  private constructor(
    readonly page: Page,
    private readonly peer: string,
    private readonly failed: Promise<never>,
  ) {}

  static async open(context: BrowserContext, base: string, peer?: PeerName, query = '') {
    const page = await context.newPage();
    const failed = new Promise<never>((_, reject) => {
      page.on('pageerror', (error) => reject(new Error(`${peer ?? 'harness'}: ${error.message}`)));
    });
    failed.catch(() => undefined);
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`  [${peer}] ${message.text()}`);
    });
    const tab = new PeerTab(page, peer ?? 'harness', failed);
    try {
      await tab.call('open', async () => {
        await page.goto(`${base}?${peer ? `peer=${peer}&` : ''}${query}`);
        await page.evaluate(() => (window as unknown as Bench).peerBenchReady);
      });
    } catch (error) {
      await tab.close();
      throw error;
    }
    return tab;
  }

  /** Runs `step` (named `what`), failing on the page's first error or when it hangs. */
  call<T>(what: string, step: () => Promise<T>): Promise<T> {
    return withinLimit(this.peer, what, STEP_LIMIT_MS, this.failed, step);
  }

  /** Calls `window.peerBench[method](...args)` in the page. */
  run<M extends keyof PeerBenchPage>(
    method: M,
    ...args: PeerBenchPage[M] extends (...a: infer A) => unknown ? A : never
  ): Promise<PeerBenchPage[M] extends (...a: never[]) => infer R ? Awaited<R> : never> {
    return this.call(method, () =>
      this.page.evaluate(
        ([m, a]) => {
          const bench = (window as unknown as Bench).peerBench as unknown as Record<
            string,
            (...x: unknown[]) => unknown
          >;
          return (bench[m] as (...x: unknown[]) => unknown)(...a);
        },
        [method, args] as [string, unknown[]],
      ),
    ) as never;
  }

  /** Closes the page, its workers with it, even one whose script is stuck in a loop. */
  close = () =>
    withinLimit(this.peer, 'close', CLOSE_LIMIT_MS, this.failed, () =>
      this.page.close({ runBeforeUnload: false }),
    ).catch(() => undefined);
}

/** The pages, built for production and served. */
async function serve() {
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    resolve: { alias: packageAliases(root) },
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: `${root}bench/peers/harness/index.html` },
    },
  });
  return preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
}

/** Gzipped bytes of the scripts and wasm a tab loaded (its workers' included) during `visit`. */
async function shippedBytes(context: BrowserContext, visit: () => Promise<void>) {
  const paths = new Set<string>();
  const listen = (request: { url(): string }) => {
    const { pathname } = new URL(request.url());
    if (/\.(m?js|wasm)$/.test(pathname)) paths.add(pathname);
  };
  context.on('request', listen);
  try {
    await visit();
  } finally {
    context.off('request', listen);
  }
  let bytes = 0;
  for (const path of paths) bytes += gzipSync(await readFile(`${outDir}${path}`)).length;
  return bytes;
}

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const one = (value: number) => spread([value]);
const cannot = (reason: string): PeerFigure => ({ cannot: reason });

/** `work` in a browser of its own, on a new profile, removed after it whatever happens. */
async function inNewProfile<T>(work: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = await mkdtemp(`${os.tmpdir()}/logbook-peers-`);
  try {
    const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions);
    try {
      return await work(context);
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** What a run measures: the workloads and peers named on the command line, all by default. */
interface Selection {
  workloads: readonly PeerWorkload[];
  peers: readonly PeerName[];
}

/** The measurements, a workload at a time; within each run every peer in turn, so noise is shared. */
async function measure(
  context: BrowserContext,
  base: string,
  sizes: PeerSizes,
  quick: boolean,
  { workloads, peers }: Selection,
) {
  const wants = (workload: PeerWorkload) => workloads.includes(workload);
  const firstSize = sizes.coldStart[0] as number;
  const open = (peer?: PeerName, query = '', within = context) =>
    PeerTab.open(within, base, peer, query);
  /** `work` in a new tab of `peer`'s page (in `within`), closed after it whatever happens. */
  const inTab = async <T>(
    peer: PeerName,
    work: (tab: PeerTab) => Promise<T>,
    query = '',
    within = context,
  ) => {
    const tab = await open(peer, query, within);
    try {
      return await work(tab);
    } finally {
      await tab.close();
    }
  };
  const labels: Record<string, string> = {};
  const traits: Record<string, PeerBenchPage['traits']> = {};
  const conformance: Record<string, 'checked'> = {};
  for (const peer of peers) {
    await inTab(peer, async (tab) => {
      labels[peer] = await tab.page.evaluate(() => (window as unknown as Bench).peerBench.label);
      traits[peer] = await tab.page.evaluate(() => (window as unknown as Bench).peerBench.traits);
      if (quick) {
        await tab.run('conform');
        conformance[peer] = 'checked';
      }
    });
  }
  const rows: PeerRow[] = [];
  const row = (fields: Omit<PeerRow, 'figures'>, figures: Record<string, PeerFigure>) => {
    rows.push({ ...fields, figures });
    const medians = Object.entries(figures).map(
      ([peer, figure]) =>
        `${peer} ${'median' in figure ? figure.median.toFixed(1) : figure.cannot}`,
    );
    console.log(`  ${fields.workload}, ${fields.case} (${fields.unit}): ${medians.join(', ')}`);
  };
  // Quick mode proves every peer runs every workload: a step that fails there fails the run.
  const perPeer = <T>(
    work: (peer: PeerName, run: number) => Promise<T>,
    among: readonly PeerName[] = peers,
    runs = sizes.runs,
  ): Promise<PeerRuns<T>> =>
    runPerPeer(among, runs, (peer, run) => work(peer as PeerName, run), { failFast: quick });
  const spreads = (runs: PeerRuns<number>) => figuresOf(runs, (values) => values);

  // 5 (storage): each peer alone in a browser profile of its own. An origin's IndexedDB
  // databases share their files, so in one profile the compaction of peers seeded before would
  // shrink the estimate while the next one seeds (RxDB's figure was 17 to 338 bytes a task).
  const storage =
    wants('storage') &&
    spreads(
      await perPeer(
        (peer) =>
          inNewProfile((own) =>
            inTab(
              peer,
              (tab) =>
                tab.run('seed', `storage-${stamp()}`, [0, firstSize], sizes.lists, sizes.seedBatch),
              '',
              own,
            ),
          ),
        peers,
        1,
      ),
    );

  // 1: each peer's store grows to each size in turn, then a new page per run opens it until its
  // first query is answered. A store whose seeding failed is out of every larger size.
  if (wants('cold')) {
    const names = Object.fromEntries(peers.map((peer) => [peer, `cold-${stamp()}`]));
    const unseeded: Record<string, PeerFigure> = {};
    let stored = 0;
    for (const count of sizes.coldStart) {
      const range: [number, number] = [stored, count];
      const seeded = await perPeer(
        (peer) =>
          inTab(peer, (tab) =>
            tab.run('seed', names[peer] as string, range, sizes.lists, sizes.seedBatch),
          ),
        peers.filter((peer) => !unseeded[peer]),
        1,
      );
      for (const [peer, figure] of Object.entries(spreads(seeded))) {
        if (!measuredFigure(figure)) unseeded[peer] = figure;
      }
      stored = count;
      const started = await perPeer(
        (peer) =>
          inTab(
            peer,
            async (tab) => {
              const { answeredAt, tasks } = await tab.run('coldStart');
              if (tasks !== Math.ceil(count / sizes.lists)) {
                throw new Error(`${peer} found ${tasks} tasks`);
              }
              return answeredAt;
            },
            `cold=${names[peer]}&list=seed-list-0`,
          ),
        peers.filter((peer) => !unseeded[peer]),
      );
      row(
        {
          workload: '1. Cold start',
          case: `${count.toLocaleString('en-US')} tasks stored, new page to first query`,
          unit: 'ms',
          target: 'fastest',
        },
        { ...unseeded, ...spreads(started) },
      );
    }
  }

  // 2: round trips, p50 and p99 of each run.
  if (wants('roundtrip')) {
    const trips = await perPeer((peer) =>
      inTab(peer, (tab) => tab.run('roundTrips', `rt-${stamp()}`, sizes.roundTrips)),
    );
    for (const p of [50, 99]) {
      row(
        {
          workload: '2. Write to watched list',
          case: `p${p} of ${sizes.roundTrips.toLocaleString('en-US')} creates`,
          unit: 'ms',
          target: 'fastest',
        },
        figuresOf(trips, (runs) => runs.map((times) => percentile(times, p))),
      );
    }
  }

  // 3: a burst, and batches.
  if (wants('burst')) {
    const bursts = await perPeer((peer) =>
      inTab(peer, (tab) => tab.run('burst', `burst-${stamp()}`, sizes.burst, sizes.lists)),
    );
    row(
      {
        workload: '3. Burst',
        case: `${sizes.burst.toLocaleString('en-US')} creates at once, over ${sizes.lists} lists, 1 watched`,
        unit: 'ms',
        target: "faster than every peer's burst",
        strictlyBelow: true,
      },
      spreads(bursts),
    );
  }
  if (wants('batches')) {
    const { count, size } = sizes.batches;
    const batched = await perPeer((peer) =>
      inTab(peer, (tab) => tab.run('batches', `batch-${stamp()}`, count, size)),
    );
    row(
      {
        workload: '3. Batches',
        case: `${count.toLocaleString('en-US')} creates, createMany of ${size}`,
        unit: 'ms',
        target: 'fastest',
      },
      spreads(batched),
    );
  }

  // 4: tab to tab, the median of each run's writes.
  if (wants('crosstab')) {
    const tabTimes = await perPeer(
      (peer, run) =>
        inTab(peer, (receiver) =>
          inTab(peer, async (sender) => {
            const name = `tab-${stamp()}`;
            console.log(`  4. tab to tab, run ${run + 1}: ${peer}`);
            await receiver.run('listenAcrossTabs', name, sizes.crossTab);
            const sent = await sender.run('sendAcrossTabs', name, sizes.crossTab, 50);
            const arrived = await receiver.run('arrivals');
            await sender.run('closeStore');
            return median(arrived.map((at, i) => at - (sent[i] as number)));
          }),
        ),
      peers.filter((peer) => traits[peer]?.crossTab),
    );
    const crossTab: Record<string, PeerFigure> = {
      ...Object.fromEntries(peers.map((peer) => [peer, cannot('cannot (no cross-tab updates)')])),
      ...spreads(tabTimes),
    };
    row(
      {
        workload: '4. Tab to tab',
        case: `median of ${sizes.crossTab} writes`,
        unit: 'ms',
        target: 'fastest',
      },
      crossTab,
    );
  }

  // 5: what a page ships for its store, less the harness alone; bytes stored per task.
  if (wants('size')) {
    const harnessBytes = await shippedBytes(context, async () => {
      await (await open()).close();
    });
    const shipped: Record<string, PeerFigure> = {};
    for (const peer of peers) {
      const bytes = await shippedBytes(context, () =>
        inTab(peer, (tab) => tab.run('touch', `size-${stamp()}`)),
      );
      shipped[peer] = one((bytes - harnessBytes) / 1000);
    }
    row(
      {
        workload: '5. Size',
        case: 'gzipped JS + wasm, page and workers',
        unit: 'kB',
        target: 'smallest',
      },
      shipped,
    );
  }
  if (storage) {
    row(
      {
        workload: '5. Storage',
        case: `per task, over the first ${firstSize.toLocaleString('en-US')} stored`,
        unit: 'bytes',
        target: 'smallest',
      },
      storage,
    );
  }
  const where = Object.fromEntries(
    peers.map((peer) => [
      peer,
      cannot(
        `${traits[peer]?.worker ? 'worker' : 'no worker: main thread'}, ${traits[peer]?.storage}`,
      ),
    ]),
  );
  rows.unshift({
    workload: '0. Store',
    case: 'where it runs',
    unit: '-',
    target: '-',
    figures: where,
  });
  return { rows, labels, traits, conformance };
}

/** Every peer has a figure in every row it has the traits for: what quick mode proves. */
function assertComplete(rows: readonly PeerRow[], peers: readonly PeerName[]) {
  for (const { workload, figures } of rows) {
    for (const peer of peers) {
      const figure = figures[peer];
      if (!figure) throw new Error(`${peer} has no figure for ${workload}`);
      if ('median' in figure && !Number.isFinite(figure.median)) {
        throw new Error(`${peer}'s figure for ${workload} is not a number`);
      }
    }
  }
}

/**
 * `npm run bench:peers [-- --quick] [-- --only=burst,batches] [-- --peers=logbook,replicache]`:
 * builds the harness pages, serves them, and runs the workloads for the peers in headless
 * Chromium (all of each by default). A full run of every workload and peer writes
 * bench/results/peers.{json,svg} and the READMEs' table; any other run writes to
 * test-results/bench/ only.
 */
export async function main(args: string[]) {
  const quick = args.includes('--quick');
  const selection: Selection = {
    workloads: chosenNames(args, 'only', PEER_WORKLOADS),
    peers: chosenNames(args, 'peers', PEER_NAMES),
  };
  const every =
    selection.workloads.length === PEER_WORKLOADS.length &&
    selection.peers.length === PEER_NAMES.length;
  const mode: RunMode = quick ? 'quick' : every ? 'full' : 'partial';
  const server = await serve();
  const base = `http://127.0.0.1:${PORT}/bench/peers/harness/index.html`;
  try {
    const results = await inNewProfile((context) =>
      measure(context, base, quick ? quickSizes : fullSizes, quick, selection),
    );
    assertComplete(results.rows, selection.peers);
    const table = renderPeerTable(results.rows, results.labels);
    console.log(`\n${table}\n`);
    for (const [peer, status] of Object.entries(results.conformance)) {
      console.log(`  conformance of ${peer}: ${status}`);
    }
    const measured = measuredNow();
    const directory = await writeResultsJson('peers.json', mode, measured, {
      ...results,
      ...(every ? {} : { selection }),
    });
    const title = `Logbook and its peers, median (min–max), ${measured.date.slice(0, 10)}, ${measured.machine}`;
    await writeFile(
      `${directory}/peers.svg`,
      `${renderPeerSvg(results.rows, results.labels, title)}\n`,
    );
    if (mode === 'full') {
      const section = `_Measured ${measured.date.slice(0, 10)} on ${measured.machine}, headless Chromium, production builds._\n\n${table}`;
      await replaceReadmeSection(['README.md', 'bench/README.md'], 'bench:peers', section);
    }
  } finally {
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
}
