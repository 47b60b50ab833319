import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const biome = resolve('node_modules/.bin/biome');
const files: Record<string, string> = {
  // The demo leaving src/demo, from every depth the rule knows.
  'src/demo/leaves.ts': `import { LIMITS } from '../core/limits';`,
  'src/demo/app/leaves.ts': `import { createLogbookReact } from '../../client/react';`,
  'src/demo/app/components/leaves.ts': `import type { LiveRead } from '../../../transport/workerApi';`,
  'src/demo/a/b/c/leaves.ts': `import { openStore } from '../../../../../worker/store/openStore';`,
  'src/demo/a/b/c/d/deeper.ts': `import { shop } from './shop';`,
  // The demo by name, and within itself.
  'src/demo/app/components/inside.ts': `import { isLogbookError } from 'logbook';\nimport { shopDomain } from '../../domain/shop';\nimport { format } from '../format';`,
  'src/demo/worker.ts': `import { exposeStore } from 'logbook/worker';\nimport { shopDomain } from './domain/shop';`,
  // The library reaching into the demo, from each of its folders.
  'src/core/demo.ts': `import { shopDomain } from '../demo/domain/shop';`,
  'src/client/react/demo.ts': `import { App } from '../../demo/app/App';`,
  'src/server/demo.ts': `import { catalog } from '../demo/domain/catalog';`,
  'src/mocks/demo.ts': `import '../demo';`,
  'src/testing/demo.ts': `import { shopDomain } from '../demo/domain/shop';`,
  'src/transport/demo.ts': `import { shopDomain } from '../demo/domain/shop';`,
  'worker/store/demo.ts': `import '../../src/demo/shop.worker';`,
  // The library within itself.
  'worker/store/inside.ts': `import type { Domain } from '../../src/core/domain';`,
};

/** `file -> messages` of the import rule, linting the files above with this repository's biome.json. */
let restricted: Map<string, string[]>;
let folder: string;

// Biome's stdin mode prints no diagnostics (by design), so the files are written where the
// rule's globs look, in a scratch copy of the project holding only its biome.json.
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'boundaries-'));
  copyFileSync('biome.json', join(folder, 'biome.json'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), `${source}\n`);
  }
  const result = spawnSync(
    biome,
    ['lint', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', '.'],
    { cwd: folder, encoding: 'utf8' },
  );
  restricted = new Map();
  for (const match of result.stdout.matchAll(
    /^::error title=lint\/style\/noRestrictedImports,file=([^,]+),.*?::(.*)$/gm,
  )) {
    const [, path = '', message = ''] = match;
    const file = relative(folder, path);
    restricted.set(file, [...(restricted.get(file) ?? []), message]);
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const outOfDemo =
  'The demo imports Logbook by name (logbook, logbook/react, ...), never by a path out of src/demo.';

describe('the lint rule on what the demo and the library import', () => {
  it.each([
    'src/demo/leaves.ts',
    'src/demo/app/leaves.ts',
    'src/demo/app/components/leaves.ts',
    'src/demo/a/b/c/leaves.ts',
  ])('refuses a relative import out of src/demo in %s', (file) => {
    expect(restricted.get(file)).toEqual([outOfDemo]);
  });

  it('refuses every import deeper than the rule can count, rather than letting one out', () => {
    expect(restricted.get('src/demo/a/b/c/d/deeper.ts')).toEqual([
      'The demo is at most four folders deep, so that the rule on its imports can tell which leave it.',
    ]);
  });

  it('lets the demo import Logbook by name and its own files by relative path', () => {
    expect(restricted.get('src/demo/app/components/inside.ts')).toBeUndefined();
    expect(restricted.get('src/demo/worker.ts')).toBeUndefined();
  });

  it.each([
    'src/core/demo.ts',
    'src/client/react/demo.ts',
    'src/server/demo.ts',
    'src/mocks/demo.ts',
    'src/testing/demo.ts',
    'src/transport/demo.ts',
    'worker/store/demo.ts',
  ])('refuses the library importing the demo in %s', (file) => {
    expect(restricted.get(file)).toEqual(['The library cannot import the demo (src/demo).']);
  });

  it('lets the library import itself', () => {
    expect(restricted.get('worker/store/inside.ts')).toBeUndefined();
  });
});
