import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WORKER = 'worker';

/** The worker's folders, lowest first: a file imports only its own folder or lower ones. */
const LAYERS = [
  'db', // the Dexie schema, the sync states and their marks, the pull cursor: only tables
  'log', // append to and read the event log
  'projections', // apply events to views, query them, rebuild them
  'write', // the one local write path: the log and the views in one transaction
  'commands', // decide commands, execute them through the write path, rebase them
  'settle', // what a server says: settle pulled and acknowledged events, reject pending ones
  'history', // temporal queries, export and import
  'sync', // the sync engine and its HTTP transport, over the store's contract only
  'live', // live gets and lists fed by the writes: a Dexie middleware on views, their watchers
  'store', // openStore: every layer below as one store
  'transport', // exposeStore: serves a store (and its sync) over Comlink
];

/** Each .ts file under worker/ in a folder (the root files are the entries), with what it imports. */
function workerImports(): { file: string; folder: string; imports: string[] }[] {
  const files = readdirSync(WORKER, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.endsWith('.ts') && path.includes('/'),
  );
  return files.map((path) => {
    const text = readFileSync(join(WORKER, path), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\s*\(?\s*'(\.[^']+)'/g)];
    const imports = specifiers
      .map((match) => relative(WORKER, join(WORKER, dirname(path), match[1] ?? match[2] ?? '')))
      .filter((target) => !target.startsWith('..') && target.includes('/'));
    return { file: path, folder: path.split('/')[0] as string, imports };
  });
}

/** A cycle between folders, as the folders along it, or undefined. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): string[] | undefined => {
    const seen = path.indexOf(folder);
    if (seen !== -1) return [...path.slice(seen), folder];
    if (done.has(folder)) return undefined;
    for (const next of edges.get(folder) ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return undefined;
  };
  for (const folder of edges.keys()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the worker's folders as layers", () => {
  const files = workerImports();

  it('has no folder that imports a folder that imports it back', () => {
    const edges = new Map<string, Set<string>>();
    for (const { folder, imports } of files) {
      for (const target of imports) {
        const to = target.split('/')[0] as string;
        if (to !== folder) edges.set(folder, (edges.get(folder) ?? new Set()).add(to));
      }
    }
    expect(findCycle(edges)?.join(' -> ')).toBeUndefined();
  });

  it('puts every folder in a layer, and has files import only their own layer or lower ones', () => {
    expect(
      [...new Set(files.map(({ folder }) => folder))].filter((f) => !LAYERS.includes(f)),
    ).toEqual([]);
    const upward = files.flatMap(({ file, folder, imports }) =>
      imports
        .filter((target) => LAYERS.indexOf(target.split('/')[0] as string) > LAYERS.indexOf(folder))
        .map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });
});
