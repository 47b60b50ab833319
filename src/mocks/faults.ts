/** How the mock server's network misbehaves. Change the fields at any time; all off by default. */
export interface MockFaults {
  /** Every request fails as a network error; the server never sees it. */
  offline: boolean;
  /** Delay before the server handles each request. */
  latencyMs: number;
  /** Share of requests (0..1) answered with a 500 before the server sees them. */
  failureRate: number;
  /** Share of requests (0..1) the server handles (and stores) whose answer is then lost. */
  dropResponseRate: number;
  /** The dice; replace for repeatable tests. */
  random: () => number;
}

export function noFaults(): MockFaults {
  return { offline: false, latencyMs: 0, failureRate: 0, dropResponseRate: 0, random: Math.random };
}

/** The faults as settings that cross to the worker and between tabs: all but the dice. */
export type FaultSettings = Omit<MockFaults, 'random'>;
