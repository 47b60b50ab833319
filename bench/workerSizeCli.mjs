// `node bench/workerSizeCli.mjs`: prints the gzipped size of the minimal worker, less Dexie.
// Node cannot run TypeScript here, so Vite's module runner loads the measurement.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./workerSize.ts', import.meta.url).pathname);
await module.main();
