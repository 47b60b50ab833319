// `npm run bench`: Node cannot run TypeScript here, so Vite's module runner loads the runner.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./run.ts', import.meta.url).pathname);
await module.main(process.argv.slice(2));
