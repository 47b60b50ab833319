/** A clock that stands still until told to move: what a simulation records as event times. */
export interface SimulatedClock {
  now(): number;
  advance(ms: number): void;
}

export function simulatedClock(start = Date.UTC(2026, 0, 1)): SimulatedClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}
