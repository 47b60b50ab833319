import type { Spread } from '../../stats';

/**
 * A peer's figure for one row, or why it has none: a trait it lacks, or a step of the workload
 * that hung or failed in its page (`failed`).
 */
export type PeerFigure = Spread | { cannot: string; failed?: true };

export interface PeerRow {
  workload: string;
  case: string;
  unit: string;
  /** Every figure is lower-is-better; the target is written beside it. */
  target: string;
  /** Met only when Logbook is below every other peer (not merely level with the best). */
  strictlyBelow?: boolean;
  figures: Record<string, PeerFigure>;
}

export const measuredFigure = (figure: PeerFigure | undefined): figure is Spread =>
  figure !== undefined && !('cannot' in figure);

/**
 * Logbook's median over the best other peer's (below 1: Logbook leads), and whether the target is
 * met; undefined when Logbook or every other peer has no figure.
 */
export function leadOf(row: PeerRow): { ratio: number; best: string; met: boolean } | undefined {
  const own = row.figures.logbook;
  const others = Object.entries(row.figures).filter(
    (entry): entry is [string, Spread] => entry[0] !== 'logbook' && measuredFigure(entry[1]),
  );
  if (!measuredFigure(own) || others.length === 0) return undefined;
  const [best, figure] = others.reduce((a, b) => (b[1].median < a[1].median ? b : a));
  const ratio = own.median / figure.median;
  return { ratio, best, met: row.strictlyBelow ? ratio < 1 : ratio <= 1 };
}
