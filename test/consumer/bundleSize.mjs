import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ENTRY = '\0size-entry';

/** The Vite a project has installed, for bundling as that project would. */
export async function viteOf(root) {
  const require = createRequire(join(root, 'package.json'));
  return import(pathToFileURL(require.resolve('vite')).href);
}

/** A bare import's package: `@types/react/index` -> `@types/react`, `zod/v4` -> `zod`. */
export const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The gzipped size of bytes, in kB (1000 bytes), as bundlers report it. */
export const gzipKb = (text) => gzipSync(text).byteLength / 1000;

/**
 * Bundles `code` (a module in `root`) for the browser as an app's production build would:
 * minified, its exports kept, the packages `external` names left out. Returns the output's code,
 * its gzipped size in kB and the packages of the modules it holds.
 */
export async function bundle(vite, { root, code, external = () => false }) {
  const result = await vite.build({
    root,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    plugins: [
      {
        name: 'size-entry',
        resolveId: (id) => (id === ENTRY ? id : null),
        load: (id) => (id === ENTRY ? code : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      rolldownOptions: {
        input: ENTRY,
        preserveEntrySignatures: 'strict',
        external: (id) => !/^[./\0]/.test(id) && external(packageOf(id)),
      },
    },
  });
  const chunks = [result].flat().flatMap((output) => output.output);
  const modules = chunks.flatMap((chunk) => chunk.moduleIds ?? []);
  return {
    code: chunks.map((chunk) => chunk.code ?? chunk.source).join('\n'),
    kb: chunks.reduce((sum, chunk) => sum + gzipKb(chunk.code ?? chunk.source), 0),
    packages: new Set(
      modules.flatMap((id) => {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
        return match?.[1] ? [match[1]] : [];
      }),
    ),
  };
}
