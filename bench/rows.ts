import { percentile, type Spread, spread } from './stats';

/** One line of the results: Logbook beside its baseline, medians of several runs, with min and max. */
export interface BenchRow {
  workload: string;
  case: string;
  unit: string;
  logbook: Spread;
  baselineName: string;
  baseline: Spread;
  /** Logbook's median over the baseline's (for times: below 1 is faster than the baseline). */
  ratio: number;
  /** Other figures worth showing (RxDB beside raw Dexie, say). */
  others?: Record<string, Spread>;
  target: string;
  met: boolean;
}

export const row = (fields: Omit<BenchRow, 'ratio'>): BenchRow => ({
  ...fields,
  ratio: fields.logbook.median / fields.baseline.median,
});

const pick = <T>(results: T[], field: (result: T) => number) => spread(results.map(field));

/** Every workload's rows from its runs' raw figures, with the issue's targets checked. */
export const rowsForRuns = {
  append(batch: number, total: number, runs: { logbook: number; dexie: number; rxdb: number }[]) {
    const logbook = pick(runs, (r) => r.logbook);
    const dexie = pick(runs, (r) => r.dexie);
    const rxdb = pick(runs, (r) => r.rxdb);
    const bounded = batch >= 100;
    return [
      row({
        workload: '1. Append with inline projection',
        case: `${total} events, batches of ${batch}`,
        unit: 'ms',
        logbook,
        baselineName: 'raw Dexie bulkAdd',
        baseline: dexie,
        others: { RxDB: rxdb },
        target: bounded ? '<= 1.15x Dexie' : 'faster than RxDB',
        met: bounded ? logbook.median / dexie.median <= 1.15 : logbook.median < rxdb.median,
      }),
    ];
  },

  roundTrip(
    runs: { p50: number; p99: number; baselineP50: number; baselineP99: number }[],
    count: number,
  ) {
    const p50 = pick(runs, (r) => r.p50);
    const baselineP50 = pick(runs, (r) => r.baselineP50);
    return [
      row({
        workload: '2. Command round trip',
        case: `p50 of ${count} commands`,
        unit: 'ms',
        logbook: p50,
        baselineName: 'Comlink call + one Dexie put',
        baseline: baselineP50,
        target: '<= 2x baseline and < 3 ms',
        met: p50.median <= 2 * baselineP50.median && p50.median < 3,
      }),
      row({
        workload: '2. Command round trip',
        case: `p99 of ${count} commands`,
        unit: 'ms',
        logbook: pick(runs, (r) => r.p99),
        baselineName: 'Comlink call + one Dexie put',
        baseline: pick(runs, (r) => r.baselineP99),
        target: 'reported',
        met: true,
      }),
    ];
  },

  replay(
    runs: {
      logbook: number;
      baseline: number;
      peakHeap: number | null;
      logBytes: number;
    }[],
    total: number,
  ) {
    const logbook = pick(runs, (r) => r.logbook);
    const baseline = pick(runs, (r) => r.baseline);
    const megabytes = (bytes: number | null) => (bytes ?? Number.NaN) / 1_000_000;
    const heap = pick(runs, (r) => megabytes(r.peakHeap));
    const logSize = pick(runs, (r) => megabytes(r.logBytes));
    return [
      row({
        workload: '3. Cold replay (rebuild)',
        case: `${total} events`,
        unit: 'ms',
        logbook,
        baselineName: 'paged getAll + the same fold',
        baseline,
        target: '<= 1.5x baseline',
        met: logbook.median <= 1.5 * baseline.median,
      }),
      row({
        workload: '7. Worker memory during replay',
        case: `${total} events`,
        unit: 'MB',
        logbook: heap,
        baselineName: 'size of the log as JSON',
        baseline: logSize,
        target: 'paged: peak below the log size',
        met: heap.max < logSize.median,
      }),
    ];
  },

  startup(runs: { logbook: number; baseline: number }[], stored: number) {
    const logbook = pick(runs, (r) => r.logbook);
    const baseline = pick(runs, (r) => r.baseline);
    return [
      row({
        workload: '6. Startup to first query',
        case: `${stored} events stored`,
        unit: 'ms',
        logbook,
        baselineName: 'worker + Dexie open + one get',
        baseline,
        target: '< 150 ms and <= 2x baseline',
        met: logbook.median < 150 && logbook.median <= 2 * baseline.median,
      }),
    ];
  },

  sync(runs: { push: number; pull: number; baseline: number }[], total: number) {
    const perSecond = (ms: number) => (total / ms) * 1000;
    const baseline = pick(runs, (r) => perSecond(r.baseline));
    return (['push', 'pull'] as const).map((direction) => {
      const logbook = pick(runs, (r) => perSecond(r[direction]));
      return row({
        workload: '4. Sync through the mock server',
        case: `${direction} ${total} events`,
        unit: 'events/s',
        logbook,
        baselineName: 'raw fetch of the bytes + bulkAdd',
        baseline,
        target: '>= 10k events/s',
        met: logbook.median >= 10_000,
      });
    });
  },

  rebase(
    pending: number,
    pulled: number,
    runs: { wholePull: number; pullAlone: number; rebuild: number }[],
  ) {
    const logbook = pick(runs, (r) => r.wholePull);
    const baseline = pick(runs, (r) => r.pullAlone + r.rebuild);
    const share = pick(runs, (r) => Math.max(0, r.wholePull - r.pullAlone));
    return [
      row({
        workload: '5. Rebase pending over a pull',
        case: `${pending} pending over ${pulled} pulled`,
        unit: 'ms',
        logbook,
        baselineName: 'the same pull + a full rebuild',
        baseline,
        others: {
          'full rebuild': pick(runs, (r) => r.rebuild),
          'rebase share (pull minus the idle pull)': share,
        },
        target: pending === 100 ? 'rebase < 16 ms, faster than a rebuild' : 'faster than a rebuild',
        met: logbook.median < baseline.median && (pending !== 100 || share.median < 16),
      }),
    ];
  },

  burst(runs: { burst: number; sequential: number }[], count: number) {
    const logbook = pick(runs, (r) => r.burst);
    const sequential = pick(runs, (r) => r.sequential);
    return [
      row({
        workload: '10. Command burst',
        case: `${count} commands issued at once`,
        unit: 'ms',
        logbook,
        baselineName: 'the same commands one after another',
        baseline: sequential,
        target: '<= 0.2x (5x faster)',
        met: logbook.median <= 0.2 * sequential.median,
      }),
    ];
  },

  crossTab(runs: { logbook: number[]; baseline: number[] }[], count: number) {
    const median = (values: number[]) => spread(values).median;
    const logbook = pick(runs, (r) => median(r.logbook));
    return [
      row({
        workload: '8. Cross-tab propagation',
        case: `median of ${count} commands`,
        unit: 'ms',
        logbook,
        baselineName: 'raw BroadcastChannel message',
        baseline: pick(runs, (r) => median(r.baseline)),
        target: '< 100 ms',
        met: logbook.median < 100,
      }),
    ];
  },

  propagation(
    storage: string,
    runs: { latencies: number[]; roundTrips: number[] }[],
    count: number,
  ) {
    /** The `p`th percentile of each run beside the round trip's, checked against `goal` ms. */
    const at = (p: number, name: string, goal?: number) => {
      const logbook = pick(runs, (r) => percentile(r.latencies, p));
      return row({
        workload: `9. Device to device through the server (${storage})`,
        case: `${name} of ${count} commands`,
        unit: 'ms',
        logbook,
        baselineName: 'HTTP round trip (an empty pull)',
        baseline: pick(runs, (r) => percentile(r.roundTrips, p)),
        target: goal === undefined ? 'reported' : `<= ${goal} ms`,
        met: goal === undefined || logbook.median <= goal,
      });
    };
    return [at(50, 'p50', 150), at(99, 'p99', 500), at(100, 'max')];
  },
};
