import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../test/chromium.ts';
import { chosenNames } from './chosenNames';
import type { BenchPage } from './main';
import { renderSvg, renderTable } from './report';
import {
  measuredNow,
  replaceReadmeSection,
  root,
  sizesMode,
  writeResultsJson,
} from './resultsFiles';
import { type BenchRow, rowsForRuns } from './rows';
import { isScaleRow } from './scale/scaleRows';
import { fullSizes, quickSizes, WORKLOADS, type Workload } from './sizes';

/** The port the bench page is served on: 4190, or `LOGBOOK_BENCH_PORT` (runs side by side). */
const benchPort = Number(process.env.LOGBOOK_BENCH_PORT ?? 4190);

/** Workload 8: a command in one tab, seen live in another; and a raw BroadcastChannel message. */
async function crossTab(browser: Browser, url: string, runs: number, count: number) {
  const context = await browser.newContext();
  const [sender, receiver] = [await context.newPage(), await context.newPage()];
  await Promise.all([sender.goto(url), receiver.goto(url)]);
  const results: { logbook: number[]; baseline: number[] }[] = [];
  for (let run = 0; run < runs; run++) {
    const name = `bench-crosstab-${Date.now()}`;
    const arrivals = receiver.evaluate(
      ([db, n]) => (window as unknown as { bench: BenchPage }).bench.crossTabListen(db, n),
      [name, count] as const,
    );
    await sender.waitForTimeout(1000);
    const sent = await sender.evaluate(
      ([db, n]) => (window as unknown as { bench: BenchPage }).bench.crossTabSend(db, n),
      [name, count] as const,
    );
    const seen = await arrivals;
    const heard = receiver.evaluate(
      (n) => (window as unknown as { bench: BenchPage }).bench.channelListen(n),
      count,
    );
    await sender.waitForTimeout(200);
    const posted = await sender.evaluate(
      (n) => (window as unknown as { bench: BenchPage }).bench.channelSend(n),
      count,
    );
    const received = await heard;
    results.push({
      logbook: seen.map((at, i) => at - (sent[i] as number)),
      baseline: received.map((at, i) => at - (posted[i] as number)),
    });
  }
  await context.close();
  return rowsForRuns.crossTab(results, count);
}

async function writeResults(rows: BenchRow[], quick: boolean) {
  const measured = measuredNow();
  const title = `Logbook vs baselines (ratio of medians), ${measured.date.slice(0, 10)}, ${measured.machine}`;
  const directory = await writeResultsJson('latest.json', sizesMode(quick), measured, { rows });
  await writeFile(`${directory}/latest.svg`, `${renderSvg(rows, title)}\n`);
  if (quick) return;
  const section = `_Measured ${measured.date.slice(0, 10)} on ${measured.machine}, headless Chromium._\n\n${renderTable(rows)}`;
  await replaceReadmeSection(['README.md', 'bench/README.md'], 'bench', section);
}

/** Workload 11's results: `scale.json`, and after a full run its README sections. */
async function writeScaleResults(rows: BenchRow[], quick: boolean) {
  const measured = measuredNow();
  await writeResultsJson('scale.json', sizesMode(quick), measured, { rows });
  if (quick) return;
  const section = `_Measured ${measured.date.slice(0, 10)} on ${measured.machine}, headless Chromium._\n\n${renderTable(rows)}`;
  await replaceReadmeSection(['README.md', 'bench/README.md'], 'bench:scale', section);
}

/** Runs a bench of its own in a Node process (`args` after node's), which writes its results. */
function runOwnProcess(name: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  return new Promise((done, failed) =>
    child.once('exit', (code) =>
      code === 0 ? done() : failed(new Error(`The ${name} bench failed (exit ${code})`)),
    ),
  );
}

const quickFlag = (quick: boolean) => (quick ? ['--quick'] : []);

/** Workload 9: its devices need fake IndexedDB in place before Dexie loads. */
const propagation = (quick: boolean) =>
  runOwnProcess('propagation', [
    '--import',
    'tsx',
    `${root}bench/propagation/cli.ts`,
    ...quickFlag(quick),
  ]);

/** The peers (`npm run bench:peers`): a package of their own, installed by its CLI when missing. */
const peers = (quick: boolean) =>
  runOwnProcess('peers', [`${root}bench/peers/cli.mjs`, ...quickFlag(quick)]);

/** Workloads not run in the bench page: each runs in a process of its own. */
const OWN_PROCESS: readonly Workload[] = ['propagation', 'peers'];

/**
 * `npm run bench [-- --quick] [-- --only=append,rebase]`: builds the bench page, runs it in
 * headless Chromium, reports; then workload 9 in Node, then the peers. Only a full run of every
 * workload in Chromium rewrites their README table and results; workload 9 and the peers write
 * their own.
 */
export async function main(args: string[]) {
  const quick = args.includes('--quick');
  const only = chosenNames(args, 'only', WORKLOADS);
  const inBrowser = only.filter((workload) => !OWN_PROCESS.includes(workload));
  if (inBrowser.length > 0) {
    const measured = await inChromium(quick, inBrowser);
    console.log(`\n${renderTable(measured)}\n`);
    const others = measured.filter((row) => !isScaleRow(row));
    const browserWorkloads = WORKLOADS.filter((w) => !OWN_PROCESS.includes(w) && w !== 'scale');
    if (browserWorkloads.every((w) => inBrowser.includes(w))) await writeResults(others, quick);
    if (inBrowser.includes('scale')) await writeScaleResults(measured.filter(isScaleRow), quick);
  }
  if (only.includes('propagation')) await propagation(quick);
  if (only.includes('peers')) await peers(quick);
}

/** Builds the bench page, serves it, and runs workloads 1 to 8 (those of `only`) in Chromium. */
async function inChromium(quick: boolean, only: readonly Workload[]): Promise<BenchRow[]> {
  const sizes = quick ? quickSizes : fullSizes;
  const outDir = `${root}test-results/bench-site`;
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, rollupOptions: { input: `${root}bench/index.html` } },
  });
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    // Cross-origin isolation lets the page measure its workers' memory (workload 7).
    preview: {
      port: benchPort,
      host: '127.0.0.1',
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
  });
  const url = `${server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${benchPort}/`}bench/index.html`;
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    // Memory is measured at once rather than at the next natural garbage collection.
    args: [...chromiumLaunchOptions.args, '--enable-blink-features=ForceEagerMeasureMemory'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => console.log(`  ${message.text()}`));
    // An error in the page or a worker would leave the run waiting forever: stop on the first.
    const failed = new Promise<never>((_, reject) => page.on('pageerror', reject));
    await page.goto(url);
    const measured = await Promise.race([
      failed,
      page.evaluate(([q, o]) => (window as unknown as { bench: BenchPage }).bench.run(q, o), [
        quick,
        only,
      ] as const),
    ]);
    if (only.includes('crosstab')) {
      measured.push(...(await crossTab(browser, url, sizes.runs, sizes.crossTab)));
    }
    return measured;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
}
