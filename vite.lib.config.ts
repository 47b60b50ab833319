import { defineConfig } from 'vite';
import { LIBRARY_DIR, packageEntries } from './scripts/packageEntries.ts';

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
    lib: { entry: packageEntries().map((entry) => entry.source), formats: ['es'] },
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
