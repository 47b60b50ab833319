/** How long to wait after failures: `minDelay * 2^failures`, up to `maxDelay`. */
export interface Backoff {
  minDelay: number;
  maxDelay: number;
}

/** The wait before trying again after `failures` failures in a row, with jitter (0.5x to 1.5x). */
export const backoffDelay = ({ minDelay, maxDelay }: Backoff, failures: number): number =>
  Math.min(maxDelay, minDelay * 2 ** failures) * (0.5 + Math.random());

/** How often a failing step is tried again, and how long to wait before each new try. */
export interface Retries {
  retries: number;
  minTimeout: number;
  maxTimeout: number;
}

/**
 * Runs `attempt`; while it fails with an error `mayPass` says may pass later, tries again after a
 * jittered backoff, at most `retries` more times. The last error is the one thrown.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  { retries, minTimeout, maxTimeout }: Retries,
  mayPass: (error: unknown) => boolean,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (failures >= retries || !mayPass(error)) throw error;
      const delay = backoffDelay({ minDelay: minTimeout, maxDelay: maxTimeout }, failures);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
