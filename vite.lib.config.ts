import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/** The library's output folder: the app's build goes to `dist/`. */
const LIBRARY_DIR = 'lib';

type Exports = Record<string, string | { types: string; import: string }>;

/**
 * Each entry point's source barrel, read from package.json's `exports`, the one list of them:
 * with modules preserved, `./lib/worker/index.js` is built from `worker/index.ts`.
 */
function entrySources(exports: Exports): string[] {
  return Object.values(exports).flatMap((target) => {
    if (typeof target === 'string') return [];
    const source = target.import.replace(`./${LIBRARY_DIR}/`, '').replace(/\.js$/, '.ts');
    if (!existsSync(source)) throw new Error(`No source ${source} for ${target.import}`);
    return [source];
  });
}

const { exports } = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Exports };

/** Imports of packages (and Node's modules) stay imports: the app's bundler resolves them. */
const isDependency = (id: string) => !/^[./\0]/.test(id);

/**
 * The library build: ESM, one file per source module (so an app's bundler drops whatever it does
 * not import, and import order, which the mock's worker globals rely on, is kept), no
 * dependency bundled, not minified (the app's build minifies). Declarations come from
 * tsconfig.build.json.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: LIBRARY_DIR,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    lib: { entry: entrySources(exports), formats: ['es'] },
    rolldownOptions: {
      external: isDependency,
      output: {
        preserveModules: true,
        preserveModulesRoot: '.',
        entryFileNames: '[name].js',
      },
    },
  },
});
