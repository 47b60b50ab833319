/** How long to wait after failures: `minDelay * 2^failures`, up to `maxDelay`. */
export interface Backoff {
  minDelay: number;
  maxDelay: number;
}

/** The wait before trying again after `failures` failures in a row, with jitter (0.5x to 1.5x). */
export const backoffDelay = ({ minDelay, maxDelay }: Backoff, failures: number): number =>
  Math.min(maxDelay, minDelay * 2 ** failures) * (0.5 + Math.random());
