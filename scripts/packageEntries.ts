import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The library's output folder: the app's build goes to `dist/`. */
export const LIBRARY_DIR = 'lib';

type Exports = Record<string, string | { types: string; import: string }>;

export interface PackageEntry {
  /** As an app imports it: `logbook`, `logbook/worker`, ... */
  specifier: string;
  /** Its source barrel in this repository, e.g. `worker/index.ts`. */
  source: string;
}

/**
 * Every entry point, read from package.json's `exports`, the one list of them: with modules
 * preserved, `./lib/worker/index.js` is built from `worker/index.ts`. The library build takes them
 * as its entries; the demo and the tests import them by name through aliases to the sources.
 */
export function packageEntries(root = '.'): PackageEntry[] {
  const { name, exports } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
    name: string;
    exports: Exports;
  };
  return Object.entries(exports).flatMap(([subpath, target]) => {
    if (typeof target === 'string') return [];
    const source = target.import.replace(`./${LIBRARY_DIR}/`, '').replace(/\.js$/, '.ts');
    if (!existsSync(`${root}/${source}`))
      throw new Error(`No source ${source} for ${target.import}`);
    return [{ specifier: subpath === '.' ? name : `${name}/${subpath.slice(2)}`, source }];
  });
}

/** Vite aliases that resolve each entry point, by name, to its source: how this repo imports itself. */
export function packageAliases(root = '.') {
  return packageEntries(root).map(({ specifier, source }) => ({
    find: new RegExp(`^${specifier}$`),
    replacement: resolve(root, source),
  }));
}
