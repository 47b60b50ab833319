/** How big each peer workload is: the sizes, or small ones that only prove it all runs. */
export interface PeerSizes {
  runs: number;
  /** Tasks stored before a cold start (the 10k and 100k). */
  coldStart: number[];
  /** Lists the stored tasks are spread over; a cold start queries one of them. */
  lists: number;
  /** Tasks per `createMany` while seeding. */
  seedBatch: number;
  roundTrips: number;
  burst: number;
  batches: { count: number; size: number };
  crossTab: number;
}

export const fullSizes: PeerSizes = {
  runs: 3,
  coldStart: [10_000, 100_000],
  lists: 100,
  seedBatch: 1_000,
  roundTrips: 1_000,
  burst: 10_000,
  batches: { count: 10_000, size: 100 },
  crossTab: 20,
};

export const quickSizes: PeerSizes = {
  runs: 1,
  coldStart: [300, 1_000],
  lists: 10,
  seedBatch: 100,
  roundTrips: 20,
  burst: 200,
  batches: { count: 300, size: 100 },
  crossTab: 5,
};

/** The workloads a run can be limited to (`--only=burst,batches`), in the order a run takes them. */
export const PEER_WORKLOADS = [
  'storage',
  'cold',
  'roundtrip',
  'burst',
  'batches',
  'crosstab',
  'size',
] as const;

export type PeerWorkload = (typeof PEER_WORKLOADS)[number];
