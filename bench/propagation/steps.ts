import { markdownTable, withRange } from '../report';
import { spread } from '../stats';
import { PHASES, type Phase } from './timeline';

/**
 * Where a trip's time goes: each step's median over the commands of a run, as the median (min–
 * max) of the runs, and its share of the sum of the steps' medians.
 */
export function stepsTable(runs: readonly (readonly Record<Phase, number>[])[]): string {
  const medians = PHASES.map((phase) =>
    spread(runs.map((trips) => spread(trips.map((trip) => trip[phase])).median)),
  );
  const total = medians.reduce((sum, step) => sum + step.median, 0);
  return markdownTable(
    ['Step', 'Median of a run (ms), median (min–max) of the runs', 'Share'],
    PHASES.map((phase, i) => {
      const step = medians[i] as (typeof medians)[number];
      return [phase, withRange(step), `${Math.round((100 * step.median) / total)}%`];
    }),
  );
}
