import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../test/chromium.ts';
import type { BenchPage } from './main';
import { renderSvg, renderTable } from './report';
import { type BenchRow, rowsForRuns } from './rows';
import { fullSizes, quickSizes, WORKLOADS, type Workload } from './sizes';

const root = fileURLToPath(new URL('..', import.meta.url));
const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

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
  const directory = quick ? `${root}test-results/bench` : `${root}bench/results`;
  await mkdir(directory, { recursive: true });
  const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1e9)} GB`;
  const date = new Date().toISOString();
  const title = `Logbook vs baselines (ratio of medians), ${date.slice(0, 10)}, ${machine}`;
  await writeFile(
    `${directory}/latest.json`,
    `${JSON.stringify({ date, machine, mode: quick ? 'quick' : 'full', rows }, null, 2)}\n`,
  );
  await writeFile(`${directory}/latest.svg`, `${renderSvg(rows, title)}\n`);
  if (quick) return;
  const readme = await readFile(`${root}bench/README.md`, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < 0) return;
  const section = `${README_START}\n_Measured ${date.slice(0, 10)} on ${machine}, headless Chromium._\n\n${renderTable(rows)}\n`;
  await writeFile(`${root}bench/README.md`, readme.slice(0, start) + section + readme.slice(end));
}

/** The workloads named by `--only a,b` (all by default); an unknown name is an error. */
function chosenWorkloads(args: string[]): Workload[] {
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  if (!only) return [...WORKLOADS];
  const names = only.split(',');
  const unknown = names.filter((name) => !(WORKLOADS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown workload ${unknown.join(', ')}: choose from ${WORKLOADS.join(', ')}`);
  }
  return names as Workload[];
}

/**
 * `npm run bench [-- --quick] [-- --only=append,rebase]`: builds the bench page, runs it in
 * headless Chromium, reports. Only a full run of every workload rewrites the README and results.
 */
export async function main(args: string[]) {
  const quick = args.includes('--quick');
  const only = chosenWorkloads(args);
  const partial = only.length < WORKLOADS.length;
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
      port: 4190,
      host: '127.0.0.1',
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
  });
  const url = `${server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/'}bench/index.html`;
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
    console.log(`\n${renderTable(measured)}\n`);
    if (!partial) await writeResults(measured, quick);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
}
