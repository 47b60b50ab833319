import { RateLimitedError } from '../../core/errors';

export interface RateLimit {
  /** How many requests a caller may make at once, and again every `perMs`. */
  requests: number;
  perMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones (callers idle long enough to be back at the limit) are dropped. */
const SWEEP_ABOVE = 10_000;

/**
 * A token bucket per caller, in this instance's memory: each holds up to `requests` tokens,
 * refilled at `requests` per `perMs`; a request takes one. With several instances, a caller may
 * make that many requests at each.
 */
export function tokenBuckets({ requests, perMs }: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const perToken = perMs / requests;
  const refilled = (bucket: Bucket, at: number) =>
    Math.min(requests, bucket.tokens + (at - bucket.at) / perToken);

  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      if (refilled(bucket, at) >= requests) buckets.delete(key);
    }
  };

  return {
    /** Takes a token of `key`'s bucket, or throws `RateLimitedError` when it has none. */
    take(key: string): void {
      const at = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? refilled(bucket, at) : requests;
      if (tokens < 1) {
        const retryAfterMs = (1 - tokens) * perToken;
        throw new RateLimitedError({
          retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        });
      }
      if (!bucket && buckets.size >= SWEEP_ABOVE) sweep(at);
      buckets.set(key, { tokens: tokens - 1, at });
    },
  };
}
