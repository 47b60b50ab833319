// `npm run bench:peers [-- --quick]`: installs the peers' own package when it is missing, then
// runs the harness through Vite's module runner (Node cannot run TypeScript here).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runnerImport } from 'vite';

const peers = new URL('.', import.meta.url).pathname;
if (!existsSync(`${peers}node_modules`)) {
  execFileSync('npm', ['ci', '--prefix', peers, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
const { module } = await runnerImport(new URL('./harness/run.ts', import.meta.url).pathname);
await module.main(process.argv.slice(2));
