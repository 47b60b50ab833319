import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageEntries } from '../../../scripts/packageEntries';

describe('entry points by name inside this repository', () => {
  it('resolves every `logbook/*` the package exports to its source, in TypeScript as in Vite', () => {
    const { compilerOptions } = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    const entries = packageEntries();
    expect(entries.map((entry) => entry.specifier)).toEqual([
      'logbook',
      'logbook/worker',
      'logbook/client',
      'logbook/react',
      'logbook/server',
      'logbook/server/pglite',
      'logbook/server/postgres',
      'logbook/server/node',
      'logbook/mock',
      'logbook/mock/node',
      'logbook/testing',
      'logbook/testing/conformance',
    ]);
    expect(compilerOptions.paths).toEqual(
      Object.fromEntries(entries.map(({ specifier, source }) => [specifier, [`./${source}`]])),
    );
  });
});
