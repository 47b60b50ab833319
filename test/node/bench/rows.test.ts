import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../bench/report';
import { rowsForRuns } from '../../../bench/rows';
import { percentile, spread } from '../../../bench/stats';

describe('the bench figures', () => {
  it('reports the median of several runs with their min and max', () => {
    expect(spread([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });

  it('gives each workload the ratio of its median to its baseline’s', () => {
    const [row] = rowsForRuns.append(100, 1000, [
      { logbook: 120, dexie: 100, rxdb: 200 },
      { logbook: 130, dexie: 90, rxdb: 210 },
      { logbook: 110, dexie: 110, rxdb: 190 },
    ]);
    expect(row?.logbook).toEqual({ median: 120, min: 110, max: 130 });
    expect(row?.baseline).toEqual({ median: 100, min: 90, max: 110 });
    expect(row?.others?.RxDB?.median).toBe(200);
    expect(row?.ratio).toBeCloseTo(1.2);
  });

  it('checks each target as the issue states it', () => {
    const append = (batch: number, logbook: number) =>
      rowsForRuns.append(batch, 1000, [{ logbook, dexie: 100, rxdb: 150 }])[0]?.met;
    expect(append(100, 115)).toBe(true);
    expect(append(100, 116)).toBe(false);
    expect(append(1000, 115)).toBe(true);
    expect(append(10, 140)).toBe(true);
    expect(append(10, 150)).toBe(false);

    const roundTrip = (p50: number, baselineP50: number) =>
      rowsForRuns.roundTrip([{ p50, p99: 9, baselineP50, baselineP99: 9 }], 10)[0]?.met;
    expect(roundTrip(2, 1)).toBe(true);
    expect(roundTrip(2.1, 1)).toBe(false);
    expect(roundTrip(3, 2)).toBe(false);

    const [push, pull] = rowsForRuns.sync([{ push: 1000, pull: 500, baseline: 400 }], 10_000);
    expect(push?.logbook.median).toBe(10_000);
    expect([push?.met, pull?.met]).toEqual([true, true]);
    expect(rowsForRuns.sync([{ push: 1001, pull: 500, baseline: 400 }], 10_000)[0]?.met).toBe(
      false,
    );

    const rebase = (pending: number, wholePull: number) =>
      rowsForRuns.rebase(pending, 1000, [{ wholePull, pullAlone: 100, rebuild: 30 }])[0];
    expect(rebase(100, 115)?.met).toBe(true);
    expect(rebase(100, 117)?.met).toBe(false);
    expect(rebase(1000, 129)?.met).toBe(true);
    expect(rebase(1000, 131)?.met).toBe(false);
    expect(rebase(100, 90)?.others?.['rebase share (pull minus the idle pull)']?.median).toBe(0);

    const burst = (ms: number) => rowsForRuns.burst([{ burst: ms, sequential: 1000 }], 1000)[0];
    expect(burst(200)).toMatchObject({ met: true, ratio: 0.2 });
    expect(burst(201)?.met).toBe(false);

    const memory = rowsForRuns.replay(
      [{ logbook: 10, baseline: 10, peakHeap: 5_000_000, logBytes: 50_000_000 }],
      1000,
    )[1];
    expect(memory?.met).toBe(true);
  });

  it('draws one bar per row, coloured by whether its target is met', () => {
    const rows = [
      ...rowsForRuns.startup([{ logbook: 40, baseline: 50 }], 100),
      ...rowsForRuns.crossTab([{ logbook: [200, 300], baseline: [1, 2] }], 2),
    ];
    const svg = renderSvg(rows, 'Logbook & baselines');
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('fill="#2f7d4f"');
    expect(svg).toContain('fill="#b42318"');
    expect(svg).toContain('Logbook &amp; baselines');
  });
});
