import { z } from 'zod/mini';

/**
 * What a writer believes about a stream before appending:
 * a version number (0 means "no events yet"), `'no_stream'`, `'stream_exists'`, or `'any'`.
 */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

/** A version (a whole number from 0) or one of the named expectations; anything else is refused. */
const error = 'must be a version (a whole number from 0), "any", "no_stream" or "stream_exists"';
export const expectedVersion: z.ZodMiniType<ExpectedVersion> = z.union(
  [
    z.number().check(z.int({ error }), z.minimum(0, { error })),
    z.enum(['any', 'no_stream', 'stream_exists']),
  ],
  { error },
);

export function matchesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return expected === actual;
  }
}
