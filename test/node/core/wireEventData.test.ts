import { pullResponse, wireEvent } from 'logbook';
import { describe, expect, it } from 'vitest';

const metadata = {
  recordedAt: 1,
  clientId: 'device-a',
  commandId: null,
  correlationId: null,
  causationId: null,
  schemaVersion: 1,
};
const event = (data: unknown) => ({ id: 'event-1', type: 'Counted', data, metadata });

describe("an event's data on the wire", () => {
  it('is any JSON, taken as it is, not copied', () => {
    const data = { tally: 'a', by: [1, 'two', null, true, { deep: [] }] };
    const parsed = wireEvent.safeParse(event(data));
    expect(parsed.success && parsed.data.data).toBe(data);
  });

  it('must be there', () => {
    const { data: _, ...withoutData } = event(null);
    expect(wireEvent.safeParse(withoutData).success).toBe(false);
  });

  it('is held to the same JSON rule as every event: no NaN, no own __proto__ key, no class', () => {
    for (const data of [{ by: Number.NaN }, JSON.parse('{"a":{"__proto__":1}}'), new Date(0)]) {
      expect(wireEvent.safeParse(event(data)).success).toBe(false);
    }
  });

  it('names the place in a pulled event that is not JSON', () => {
    const body = {
      events: [{ ...event({ by: [1, Infinity] }), stream: 's', version: 1, position: 1 }],
    };
    const parsed = pullResponse.safeParse({ ...body, nextCursor: 1, hasMore: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['events', 0, 'data'],
      message: 'by[1] Infinity is not a JSON number',
    });
  });
});
