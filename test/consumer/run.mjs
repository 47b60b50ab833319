// A new user's first hour, from the tarball alone: `npm pack` (which builds the library), publint
// and attw on the tarball, then a fresh Vite + React + TypeScript + Vitest project (the files in
// ./app) that installs the tarball, type-checks its own small domain against the published types,
// runs its Vitest test on fake IndexedDB, builds for production with two workers and opens the
// build in Chromium, where one worker syncs with logbook/mock's server inside it. Prints the
// gzipped size of each entry point and of the other worker's bundle. Run: npm run test:package
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, gzipKb, viteOf } from './bundleSize.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'logbook-consumer-'));
const app = join(work, 'app');
console.log(`Working in ${work} (kept if a step fails)`);

/**
 * What the fresh project installs besides the tarball, at the versions this repository uses; MSW
 * for logbook/mock, which an app brings itself.
 */
const APP_DEPENDENCIES = ['react', 'react-dom', 'zod'];
const APP_DEV_DEPENDENCIES = [
  '@types/node',
  '@types/react',
  '@types/react-dom',
  '@vitejs/plugin-react',
  'fake-indexeddb',
  'msw',
  'typescript',
  'vite',
  'vitest',
];
/** The peers stay out of the entry points' sizes: an app that uses them has them already. */
const PEERS = new Set(Object.keys(manifest.peerDependencies));
const WORKER_BUDGET_KB = 40;

// The commands' environment, less the NODE_ENV Vite sets as it bundles: with it npm would omit
// dev dependencies.
const { NODE_ENV, ...environment } = process.env;
const step = (title) => console.log(`\n--- ${title}`);
const run = (cwd, command, ...args) =>
  execFileSync(command, args, { cwd, env: environment, stdio: ['ignore', 'inherit', 'inherit'] });
const versions = (names) =>
  Object.fromEntries(
    names.map((name) => [
      name,
      manifest.dependencies[name] ?? manifest.devDependencies[name] ?? 'missing',
    ]),
  );
const kb = (value) => `${value.toFixed(1)} kB`;
const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
};

step('npm pack (prepack builds the library)');
run(repo, 'npm', 'pack', '--pack-destination', work);
const tarball = join(work, `${manifest.name}-${manifest.version}.tgz`);

step('publint');
run(repo, 'npx', '--no', 'publint', 'run', tarball, '--strict');
step('are the types wrong (ESM only)');
run(repo, 'npx', '--no', 'attw', tarball, '--profile', 'esm-only');

step('a fresh project installs the tarball');
cpSync(join(repo, 'test/consumer/app'), app, { recursive: true });
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify(
    {
      name: 'tasks',
      private: true,
      type: 'module',
      scripts: { typecheck: 'tsc --noEmit', test: 'vitest run', build: 'vite build' },
      dependencies: { logbook: `file:${tarball}`, ...versions(APP_DEPENDENCIES) },
      devDependencies: versions(APP_DEV_DEPENDENCIES),
    },
    null,
    2,
  ),
);
run(app, 'npm', 'install', '--no-audit', '--no-fund', '--prefer-offline');
step('type-check');
run(app, 'npm', 'run', 'typecheck');
step('test');
run(app, 'npm', 'test');
step('production build');
run(app, 'npm', 'run', 'build');
step("in Chromium, a worker of that build syncs with logbook/mock's MSW server inside it");
run(repo, 'npx', '--no', 'tsx', 'test/consumer/syncedInChromium.mjs', app);

step('sizes (minified, gzipped; dependencies of an entry counted, peers left out)');
const repoVite = await viteOf(repo);
const entrySizes = [['entry point', 'own code', 'with dependencies']];
for (const subpath of Object.keys(manifest.exports).filter((key) => key !== './package.json')) {
  const specifier = `logbook${subpath.slice(1)}`;
  const code = `export * from '${specifier}';`;
  const own = await bundle(repoVite, { root: repo, code, external: (name) => name !== 'logbook' });
  const whole = await bundle(repoVite, { root: repo, code, external: (name) => PEERS.has(name) });
  entrySizes.push([specifier, kb(own.kb), kb(whole.kb)]);
}
table(entrySizes);

const appVite = await viteOf(app);
const assets = join(app, 'dist/assets');
const builtWorker = readdirSync(assets).find((file) => /^tasks\.worker.*\.js$/.test(file));
if (!builtWorker) throw new Error(`No worker bundle in ${assets}`);
const workerKb = gzipKb(readFileSync(join(assets, builtWorker)));
const workerCode = `import ${JSON.stringify(join(app, 'src/tasks.worker.ts'))};`;
const worker = await bundle(appVite, { root: app, code: workerCode });
const strays = ['react', 'react-dom', 'msw'].filter((name) => worker.packages.has(name));
if (strays.length > 0) throw new Error(`The worker bundle holds ${strays.join(', ')}`);
const without = async (leftOut) =>
  (await bundle(appVite, { root: app, code: workerCode, external: leftOut })).kb;
const lessDexie = await without((name) => name === 'dexie');
console.log(`\nThe fresh project's worker (logbook and logbook/worker only): ${kb(workerKb)}`);
console.log(
  `  less Dexie: ${kb(lessDexie)} (budget ${WORKER_BUDGET_KB} kB: ${
    lessDexie <= WORKER_BUDGET_KB ? 'met' : `over by ${kb(lessDexie - WORKER_BUDGET_KB)}`
  })`,
);
const shares = [['  made of', 'gzipped']];
shares.push(['  logbook', kb(await without((name) => name !== 'logbook'))]);
for (const name of [...worker.packages].filter((name) => name !== 'logbook').sort()) {
  shares.push([`  ${name}`, kb(worker.kb - (await without((other) => other === name)))]);
}
table(shares);

rmSync(work, { recursive: true, force: true });
console.log('\nThe tarball installs, type-checks, tests and builds in a fresh project.');
