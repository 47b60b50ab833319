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
 * Writes `{ date, machine, mode, ...fields }` as `file` in `bench/results` after a full run, in
 * `test-results/bench` after a quick one; returns that directory.
 */
export async function writeResultsJson(
  file: string,
  quick: boolean,
  measured: Measured,
  fields: Record<string, unknown>,
): Promise<string> {
  const directory = quick ? `${root}test-results/bench` : `${root}bench/results`;
  await mkdir(directory, { recursive: true });
  const results = { ...measured, mode: quick ? 'quick' : 'full', ...fields };
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
