/** How big each workload is: the sizes, or small ones that only prove the bench runs. */
export interface BenchSizes {
  runs: number;
  /** Events appended per batch size (batches of 1 are capped: 100k single appends take minutes). */
  append: Record<1 | 10 | 100 | 1000, number>;
  commands: number;
  replay: number;
  sync: number;
  rebasePending: number[];
  rebasePulled: number;
  crossTab: number;
  /** Commands timed from one device to another through the real server, per run. */
  propagation: number;
  /** Commands issued at once from the main thread, and the same one after another. */
  burst: number;
  /** The scale workload: events in the log, and in the one long stream among them. */
  scale: { events: number; stream: number };
}

export const fullSizes: BenchSizes = {
  runs: 3,
  append: { 1: 5_000, 10: 20_000, 100: 100_000, 1000: 100_000 },
  commands: 1_000,
  replay: 100_000,
  sync: 10_000,
  rebasePending: [10, 100, 1000],
  rebasePulled: 1_000,
  crossTab: 20,
  propagation: 100,
  burst: 1_000,
  scale: { events: 1_000_000, stream: 10_000 },
};

export const quickSizes: BenchSizes = {
  runs: 1,
  append: { 1: 50, 10: 200, 100: 1_000, 1000: 2_000 },
  commands: 50,
  replay: 2_000,
  sync: 500,
  rebasePending: [10, 100],
  rebasePulled: 200,
  crossTab: 5,
  propagation: 10,
  burst: 100,
  scale: { events: 20_000, stream: 2_000 },
};

/**
 * The workloads `npm run bench -- --only=a,b` can pick; crosstab is run by the runner,
 * propagation (through the real server) in Node, and peers (`npm run bench:peers`) by its own.
 */
export const WORKLOADS = [
  'append',
  'roundtrip',
  'replay',
  'sync',
  'rebase',
  'crosstab',
  'propagation',
  'burst',
  'scale',
  'peers',
] as const;
export type Workload = (typeof WORKLOADS)[number];
