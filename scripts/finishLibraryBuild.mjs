// Checks the library build holds no demo or test module, and gives the relative imports of the emitted declarations their file: `from './events'` becomes
// `from './events.js'`, `import('../server')` becomes `import('../server/index.js')`. tsc writes
// them as the source has them, which only bundler resolution finds; Node's ESM resolution (and
// TypeScript's `node16`/`nodenext`) needs the file. Fails on an import of a file that was not
// emitted (a demo or test module) or written with a `.ts` extension.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('Usage: node scripts/finishLibraryBuild.mjs <declarations folder>');

/** Where the demo and the tests live: nothing of them belongs in the library. */
const NOT_LIBRARY = ['src/demo', 'test', 'bench'];

const RELATIVE_IMPORT = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

function withFile(declaration, specifier) {
  const base = join(dirname(declaration), specifier);
  if (existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${specifier}/index.js`;
  throw new Error(
    `${relative(root, declaration)} imports ${specifier}, which was not emitted (a .ts extension?)`,
  );
}

let rewritten = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  const source = relative(root, file);
  if (NOT_LIBRARY.some((folder) => source.startsWith(`${folder}/`))) {
    throw new Error(`The library build holds ${source}: a barrel reaches the demo or the tests`);
  }
  if (!entry.name.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(RELATIVE_IMPORT, (_, keyword, quote, specifier) => {
    rewritten++;
    return `${keyword}${quote}${withFile(file, specifier)}${quote}`;
  });
  if (fixed !== text) writeFileSync(file, fixed);
}
console.log(`Declarations in ${root}: ${rewritten} relative imports now name their file.`);
