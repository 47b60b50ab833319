import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushBytesFromAbove } from '../../../src/core/onePush';
import type { PushRequest } from '../../../src/core/syncProtocol';

const text = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '"', '\\', '\n', '\ud800') });
const wireEvent = fc.record({
  id: text,
  type: text,
  data: fc.jsonValue(),
  metadata: fc.record({
    recordedAt: fc.nat(),
    clientId: text,
    commandId: fc.option(text),
    correlationId: fc.option(text),
    causationId: fc.option(text),
    schemaVersion: fc.integer({ min: 1 }),
  }),
});
const pushBody = fc.record({
  scope: text,
  clientId: text,
  streams: fc.array(
    fc.record({
      stream: text,
      baseVersion: fc.nat(),
      group: fc.nat(),
      events: fc.array(wireEvent, { maxLength: 4 }),
    }),
    { maxLength: 4 },
  ),
});

describe('a push body measured by its parts', () => {
  it('is never under its exact size, and over it by at most a byte a stream', () => {
    fc.assert(
      fc.property(pushBody, (body) => {
        const exact = new TextEncoder().encode(JSON.stringify(body)).byteLength;
        const bound = pushBytesFromAbove(body as PushRequest);
        expect(bound).toBeGreaterThanOrEqual(exact);
        expect(bound).toBeLessThanOrEqual(exact + body.streams.length);
      }),
    );
  });
});
