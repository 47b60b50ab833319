import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** The repository's root, with a trailing slash. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** When and where results were measured: an ISO date, and the machine's cores, CPU and memory. */
export interface Measured {
  date: string;
  machine: string;
}

export const measuredNow = (): Measured => ({
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1e9)} GB`,
});

/**
 * How a run was made: `full` sizes of every workload (its results are the record), `quick` sizes
 * (proves it runs), or `partial`, full sizes of some workloads or peers only.
 */
export type RunMode = 'full' | 'quick' | 'partial';

export const sizesMode = (quick: boolean): RunMode => (quick ? 'quick' : 'full');

/**
 * Writes `{ date, machine, mode, ...fields }` as `file` in `bench/results` after a full run, in
 * `test-results/bench` after any other; returns that directory.
 */
export async function writeResultsJson(
  file: string,
  mode: RunMode,
  measured: Measured,
  fields: Record<string, unknown>,
): Promise<string> {
  const directory = mode === 'full' ? `${root}bench/results` : `${root}test-results/bench`;
  await mkdir(directory, { recursive: true });
  const results = { ...measured, mode, ...fields };
  await writeFile(`${directory}/${file}`, `${JSON.stringify(results, null, 2)}\n`);
  return directory;
}

/**
 * Puts `section` between the `<!-- name:start -->` and `<!-- name:end -->` lines of each of
 * `files` (relative to the root) that has both.
 */
export async function replaceReadmeSection(
  files: readonly string[],
  name: string,
  section: string,
) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  for (const file of files.map((path) => `${root}${path}`)) {
    const text = await readFile(file, 'utf8');
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from >= 0 && to >= 0) {
      await writeFile(file, `${text.slice(0, from)}${start}\n${section}\n${text.slice(to)}`);
    }
  }
}
