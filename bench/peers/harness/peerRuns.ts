import { spread } from '../../stats';
import type { PeerFigure } from './peerRows';

/** A peer's step that hung or whose page threw: that peer is out of the workload, the run goes on. */
export class PeerStepFailed extends Error {
  override readonly name = 'PeerStepFailed';
  constructor(
    readonly peer: string,
    readonly step: string,
    readonly reason: string,
  ) {
    super(`${peer}: ${step} ${reason}`);
  }
}

/**
 * `step`, failing with PeerStepFailed when `failed` (the page's first error) rejects first or when
 * it takes over `limitMs` (a limit for a hang, not a speed check).
 */
export function withinLimit<T>(
  peer: string,
  what: string,
  limitMs: number,
  failed: Promise<never>,
  step: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    const reason = `not done in ${Math.round(limitMs / 1000)} s`;
    timer = setTimeout(() => reject(new PeerStepFailed(peer, what, reason)), limitMs);
  });
  const threw = failed.catch((error: Error) => {
    throw new PeerStepFailed(peer, what, `failed: ${error.message}`);
  });
  return Promise.race([threw, hung, step()]).finally(() => clearTimeout(timer));
}

/** Each peer's values, one per run, or the step that put it out of the workload. */
export type PeerRuns<T> = Record<string, T[] | PeerStepFailed>;

/**
 * `work` for every peer in turn, run after run, so the machine's noise is shared. A peer whose
 * step fails is out of the remaining runs (with `failFast`, the whole run ends instead); any
 * other error (a wrong answer) ends the whole run.
 */
export async function runPerPeer<T>(
  peers: readonly string[],
  runs: number,
  work: (peer: string, run: number) => Promise<T>,
  { failFast = false } = {},
): Promise<PeerRuns<T>> {
  const values: PeerRuns<T> = Object.fromEntries(peers.map((peer) => [peer, []]));
  for (let run = 0; run < runs; run++) {
    for (const peer of peers) {
      const mine = values[peer];
      if (!Array.isArray(mine)) continue;
      try {
        mine.push(await work(peer, run));
      } catch (error) {
        if (failFast || !(error instanceof PeerStepFailed)) throw error;
        console.log(`  ${error.message}: its figure says so, the run goes on`);
        values[peer] = error;
      }
    }
  }
  return values;
}

/** What a failed step puts in the table instead of a figure. */
export const failedFigure = (failure: PeerStepFailed): PeerFigure => ({
  cannot: `${failure.step} ${failure.reason}`,
  failed: true,
});

/** Each peer's figure: the spread of `of` its runs' values, or its failure. */
export function figuresOf<T>(
  runs: PeerRuns<T>,
  of: (values: T[]) => number[],
): Record<string, PeerFigure> {
  return Object.fromEntries(
    Object.entries(runs).map(([peer, values]) => [
      peer,
      Array.isArray(values) ? spread(of(values)) : failedFigure(values),
    ]),
  );
}
