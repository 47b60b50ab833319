import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, minifySync, type Rolldown } from 'vite';
import { packageAliases } from '../scripts/packageEntries.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('../test/quickstart/store.worker.ts', import.meta.url));

export interface WorkerSize {
  /** The minified bundle, Dexie left out (it is shared with the app and counted apart). */
  minifiedBytes: number;
  gzippedBytes: number;
  /** Every module in the bundle, as a path from the project root or `node_modules/<package>/...`. */
  modules: string[];
  /**
   * By package or by the project's folder, largest first: its modules' code minified alone and
   * gzipped, so about its share of the bundle (the shares add up to a little more than the whole).
   */
  byGroup: [group: string, gzippedBytes: number][];
}

function moduleName(id: string): string {
  const inPackage = id.lastIndexOf('node_modules/');
  return inPackage >= 0 ? id.slice(inPackage) : id.replace(root, '');
}

/** `node_modules/zod/v4/core/api.js` -> `zod`; `worker/sync/cutPush.ts` -> `worker/sync`. */
function groupOf(name: string): string {
  const parts = name.split('/');
  if (parts[0] !== 'node_modules') return parts.slice(0, -1).join('/') || name;
  return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : (parts[1] ?? name);
}

/**
 * Builds the README's quick-start worker (`exposeStore` and a small `zod/mini` domain, imported by
 * name as a user imports them) as a user's bundler would, minified, with Dexie external, and measures what is left.
 */
export async function measureMinimalWorker(): Promise<WorkerSize> {
  const result = await build({
    root,
    configFile: false,
    resolve: { alias: packageAliases(root) },
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'worker' },
      rolldownOptions: { external: ['dexie'] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs
    .flatMap(({ output }) => output)
    .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  // Library mode keeps whitespace and comments (for the pure annotations a user's bundler reads);
  // an app's build, the one a user ships, minifies them away too.
  const code = minifySync('worker.js', chunks.map((chunk) => chunk.code).join('\n')).code;
  const codeByGroup = new Map<string, string[]>();
  const modules = chunks.flatMap((chunk) =>
    Object.entries(chunk.modules).map(([id, module]) => {
      const name = moduleName(id);
      codeByGroup.set(groupOf(name), [
        ...(codeByGroup.get(groupOf(name)) ?? []),
        module.code ?? '',
      ]);
      return name;
    }),
  );
  const byGroup = [...codeByGroup].map(([group, parts]): [string, number] => [
    group,
    gzipSync(minifySync(`${group}.js`, parts.join('\n')).code).length,
  ]);
  return {
    minifiedBytes: Buffer.byteLength(code),
    gzippedBytes: gzipSync(code).length,
    modules,
    byGroup: byGroup.sort((a, b) => b[1] - a[1]),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export async function main(): Promise<void> {
  const size = await measureMinimalWorker();
  console.log(
    `Minimal worker (exposeStore + a small domain), less Dexie: ${kB(size.gzippedBytes)} gzipped, ${kB(size.minifiedBytes)} minified`,
  );
  console.log('About its share, gzipped, by package or folder:');
  for (const [group, bytes] of size.byGroup) console.log(`  ${group.padEnd(28)} ${kB(bytes)}`);
}
