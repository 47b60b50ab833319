import { describe, expect, it } from 'vitest';
import { rowsForRuns } from '../../../bench/rows';
import { isScaleRow, type ScaleRun, scaleRows } from '../../../bench/scale/scaleRows';

const run = (changes: Partial<ScaleRun> = {}): ScaleRun => ({
  startup: { logbook: 60, baseline: 50 },
  rebuild: { logbook: 10_000, baseline: 8_000, peakHeap: 20e6 },
  temporal: { logbook: 30, baseline: 25 },
  export: { logbook: 12_000, baseline: 9_000, peakHeap: 30e6 },
  logBytes: 500e6,
  ...changes,
});
const met = (runs: ScaleRun[]) =>
  Object.fromEntries(scaleRows(runs, 1_000_000, 10_000, 5_000).map((row) => [row.case, row.met]));

describe('the scale workload’s rows', () => {
  it('gives rates in events/s and memory beside the log’s size', () => {
    const [startup, rebuild, temporal, exported, memory] = scaleRows(
      [run()],
      1_000_000,
      10_000,
      5_000,
    );
    expect(startup?.ratio).toBeCloseTo(1.2);
    expect(rebuild?.logbook.median).toBe(100_000);
    expect(rebuild?.baseline.median).toBe(125_000);
    expect(temporal?.case).toBe('aggregateStateAt version 5000 of a 10,000-event stream');
    expect(exported?.unit).toBe('events/s');
    expect(memory?.logbook.median).toBe(20);
    expect(memory?.baseline.median).toBe(500);
  });

  it('checks each goal: startup as workload 6, rates within 1.5x, memory far below the log', () => {
    expect(Object.values(met([run()])).every(Boolean)).toBe(true);
    const missed = met([
      run({
        startup: { logbook: 160, baseline: 100 },
        rebuild: { logbook: 13_000, baseline: 8_000, peakHeap: 51e6 },
        temporal: { logbook: 40, baseline: 25 },
        export: { logbook: 14_000, baseline: 9_000, peakHeap: 30e6 },
      }),
    ]);
    expect(missed).toEqual({
      'startup to first query': false,
      'cold rebuild of a projection': false,
      'aggregateStateAt version 5000 of a 10,000-event stream': false,
      'exportLog of the whole log (NDJSON)': false,
      'peak worker memory during the rebuild': false,
      'peak worker memory during the export': true,
    });
  });

  it('are told apart from the other workloads’ rows, which have a results section of their own', () => {
    expect(scaleRows([run()], 1000, 100, 50).every(isScaleRow)).toBe(true);
    expect(rowsForRuns.startup([{ logbook: 1, baseline: 1 }], 100).some(isScaleRow)).toBe(false);
  });
});
