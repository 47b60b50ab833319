import { type BenchRow, row } from '../rows';
import { spread } from '../stats';

/** One run of the scale workload: each measure beside its baseline. */
export interface ScaleRun {
  startup: { logbook: number; baseline: number };
  rebuild: { logbook: number; baseline: number; peakHeap: number | null };
  temporal: { logbook: number; baseline: number };
  export: { logbook: number; baseline: number; peakHeap: number | null };
  logBytes: number;
}

const SCALE = '11. A log of';

/** Whether a row is one of the scale workload's (they have a results section of their own). */
export const isScaleRow = (benchRow: BenchRow) => benchRow.workload.startsWith(SCALE);

/**
 * The scale workload's rows, with its goals: "far below the log's size" is a peak under a tenth
 * of it; the rates within two thirds of their baselines', as workload 3's 1.5x.
 */
export function scaleRows(
  runs: ScaleRun[],
  total: number,
  streamEvents: number,
  version: number,
): BenchRow[] {
  const workload = `${SCALE} ${total.toLocaleString('en-US')} events`;
  const pick = (field: (run: ScaleRun) => number) => spread(runs.map(field));
  const rate = (ms: number) => (total / ms) * 1000;
  const megabytes = (bytes: number | null) => (bytes ?? Number.NaN) / 1_000_000;
  const logSize = pick((r) => megabytes(r.logBytes));
  const startup = pick((r) => r.startup.logbook);
  const startupBaseline = pick((r) => r.startup.baseline);
  const rebuild = pick((r) => rate(r.rebuild.logbook));
  const rebuildBaseline = pick((r) => rate(r.rebuild.baseline));
  const temporal = pick((r) => r.temporal.logbook);
  const temporalBaseline = pick((r) => r.temporal.baseline);
  const exported = pick((r) => rate(r.export.logbook));
  const exportBaseline = pick((r) => rate(r.export.baseline));
  const memory = (during: 'rebuild' | 'export') => {
    const heap = pick((r) => megabytes(r[during].peakHeap));
    return row({
      workload,
      case: `peak worker memory during the ${during}`,
      unit: 'MB',
      logbook: heap,
      baselineName: 'size of the log as JSON',
      baseline: logSize,
      target: '< 10% of the log',
      met: heap.max < logSize.median / 10,
    });
  };
  return [
    row({
      workload,
      case: 'startup to first query',
      unit: 'ms',
      logbook: startup,
      baselineName: 'worker + Dexie open + one get',
      baseline: startupBaseline,
      target: '< 150 ms and <= 2x baseline',
      met: startup.median < 150 && startup.median <= 2 * startupBaseline.median,
    }),
    row({
      workload,
      case: 'cold rebuild of a projection',
      unit: 'events/s',
      logbook: rebuild,
      baselineName: 'paged getAll + the same fold',
      baseline: rebuildBaseline,
      target: '>= 0.67x baseline',
      met: rebuild.median >= (2 / 3) * rebuildBaseline.median,
    }),
    row({
      workload,
      case: `aggregateStateAt version ${version} of a ${streamEvents.toLocaleString('en-US')}-event stream`,
      unit: 'ms',
      logbook: temporal,
      baselineName: 'one indexed range read + the same fold',
      baseline: temporalBaseline,
      target: '<= 1.5x baseline',
      met: temporal.median <= 1.5 * temporalBaseline.median,
    }),
    row({
      workload,
      case: 'exportLog of the whole log (NDJSON)',
      unit: 'events/s',
      logbook: exported,
      baselineName: 'paged getAll + JSON.stringify',
      baseline: exportBaseline,
      target: '>= 0.67x baseline',
      met: exported.median >= (2 / 3) * exportBaseline.median,
    }),
    memory('rebuild'),
    memory('export'),
  ];
}
