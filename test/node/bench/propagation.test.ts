import { describe, expect, it } from 'vitest';
import { stepsTable } from '../../../bench/propagation/steps';
import { PHASES, phasesOf, type Timeline } from '../../../bench/propagation/timeline';
import { rowsForRuns } from '../../../bench/rows';

const hundred = (from: number) => Array.from({ length: 100 }, (_, i) => from + i);

describe('the device-to-device figures', () => {
  it('gives p50, p99 and max of each run, as the median of the runs, beside the round trip', () => {
    const runs = [
      { latencies: hundred(1), roundTrips: hundred(1).map((ms) => ms / 10) },
      { latencies: hundred(101).reverse(), roundTrips: hundred(1).map((ms) => ms / 5) },
      { latencies: hundred(201), roundTrips: hundred(1).map((ms) => ms / 20) },
    ];
    const [p50, p99, max] = rowsForRuns.propagation('PGlite', runs, 100);
    expect(p50?.logbook).toEqual({ median: 150, min: 50, max: 250 });
    expect(p50?.baseline).toEqual({ median: 5, min: 2.5, max: 10 });
    expect(p50?.ratio).toBe(30);
    expect(p99?.logbook).toEqual({ median: 199, min: 99, max: 299 });
    expect(p99?.baseline.median).toBeCloseTo(9.9);
    expect(max?.logbook).toEqual({ median: 200, min: 100, max: 300 });
    expect(max?.baseline.median).toBe(10);
    expect(p50?.workload).toContain('PGlite');
  });

  it('checks the goals: p50 at most 150 ms, p99 at most 500 ms', () => {
    const met = (latency: number) =>
      rowsForRuns
        .propagation('PGlite', [{ latencies: [latency], roundTrips: [1] }], 1)
        .map((row) => row.met);
    expect(met(150)).toEqual([true, true, true]);
    expect(met(151)).toEqual([false, true, true]);
    expect(met(501)).toEqual([false, false, true]);
  });

  it('splits a trip into its steps by the requests sent and the notice heard', () => {
    const timeline: Timeline = {
      a: [
        { path: '/api/sync/live', at: 12 },
        { path: '/api/sync/pull', at: 160 },
        { path: '/api/sync/push', at: 170 },
        { path: '/api/sync/pull', at: 185 },
      ],
      b: [
        { path: '/api/sync/pull', at: 2 },
        { path: '/api/sync/live', at: 190 },
        { path: '/api/sync/pull', at: 340 },
      ],
      notices: [1, 190],
    };
    const steps = phasesOf({ startedAt: 10, shownAt: 360 }, timeline);
    expect(steps && PHASES.map((phase) => steps[phase])).toEqual([150, 10, 20, 150, 20]);
    expect(phasesOf({ startedAt: 10, shownAt: 330 }, timeline)).toBeUndefined();
    expect(phasesOf({ startedAt: 10, shownAt: 360 }, { ...timeline, notices: [1] })).toBe(
      undefined,
    );
  });

  it('shows each step’s median and its share of the trip', () => {
    const trip = (debounce: number) =>
      Object.fromEntries(PHASES.map((phase, i) => [phase, i === 0 ? debounce : 25])) as Record<
        (typeof PHASES)[number],
        number
      >;
    const table = stepsTable([[trip(100), trip(300), trip(200)], [trip(100)]]);
    expect(table).toContain(`| ${PHASES[0]} | 150 (100–200)`);
    expect(table).toMatch(new RegExp(`${PHASES[0]} .*\\| 60% +\\|`));
    expect(table).toMatch(new RegExp(`${PHASES[1]} .*\\| 10% +\\|`));
  });
});
