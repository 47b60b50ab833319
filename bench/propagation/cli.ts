// Workload 9 of `npm run bench`, which runs it in a Node process of its own (tsx): the devices'
// stores live on fake IndexedDB, which must be in place before Dexie loads.
import 'fake-indexeddb/auto';
import { renderTable } from '../report';
import { measuredNow, replaceReadmeSection, sizesMode, writeResultsJson } from '../resultsFiles';
import { rowsForRuns } from '../rows';
import { fullSizes, quickSizes } from '../sizes';
import { startBenchServer } from './benchServer';
import { propagationRun } from './propagation';
import { stepsTable } from './steps';
import { type Phase, phasesOf } from './timeline';

/** Quiet time between commands: longer than the debounce, so each trip starts from idle devices. */
const PAUSE_MS = 300;

const quick = process.argv.includes('--quick');
const sizes = quick ? quickSizes : fullSizes;
const server = await startBenchServer();
const setup = `the sync server in this process on ${server.storage}, loopback; two devices in Node (openStore on fake IndexedDB, syncAcrossTabs with the default options)`;
console.log(`Device to device: ${setup}; ${sizes.runs} x ${sizes.propagation} commands`);
const runs: { latencies: number[]; roundTrips: number[]; steps: Record<Phase, number>[] }[] = [];
try {
  for (let run = 0; run < sizes.runs; run++) {
    const { trips, roundTrips, timeline } = await propagationRun(server.url, {
      commands: sizes.propagation,
      pauseMs: PAUSE_MS,
      run,
    });
    const steps = trips.flatMap((trip) => phasesOf(trip, timeline) ?? []);
    console.log(`  run ${run + 1}: ${trips.length} commands, ${steps.length} by the usual steps`);
    runs.push({ latencies: trips.map((t) => t.shownAt - t.startedAt), roundTrips, steps });
  }
} finally {
  await server.close();
}
const rows = rowsForRuns.propagation(server.storage, runs, sizes.propagation);
const steps = stepsTable(runs.map((run) => run.steps));
console.log(`\n${renderTable(rows)}\n\n${steps}\n`);
const measured = measuredNow();
await writeResultsJson('propagation.json', sizesMode(quick), measured, { setup, rows, runs });
if (!quick) {
  const section = `_Measured ${measured.date.slice(0, 10)} on ${measured.machine}: ${setup}._\n\n${renderTable(rows)}\n\nWhere the time goes:\n\n${steps}`;
  await replaceReadmeSection(['bench/README.md', 'README.md'], 'bench:propagation', section);
}
process.exit(0);
