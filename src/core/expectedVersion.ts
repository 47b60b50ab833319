/**
 * What a writer believes about a stream before appending:
 * a version number (0 means "no events yet"), `'no_stream'`, `'stream_exists'`, or `'any'`.
 */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

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
