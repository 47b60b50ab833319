import { describe, expect, it } from 'vitest';
import { createTestStore, simulatedClock } from '../../../src/testing';
import { testDomain } from '../../../src/testing/conformance/testDomain';

const increment = { type: 'Increment', data: { counter: 'a', by: 1 } } as const;

describe('createTestStore', () => {
  it('opens a fresh database each call', async () => {
    const first = await createTestStore(testDomain);
    const second = await createTestStore(testDomain);
    await first.execute(increment);
    expect((await first.readAll()).events).toHaveLength(1);
    expect((await second.readAll()).events).toEqual([]);
    expect(second.clientId).not.toBe(first.clientId);
    await first.close();
    await second.close();
  });

  it('records the time of the clock it is given on appends and commands', async () => {
    const clock = simulatedClock(1_000);
    const store = await createTestStore(testDomain, { clock });
    await store.execute(increment);
    clock.advance(500);
    await store.append('counter-b', [{ type: 'Incremented', data: { counter: 'b', by: 2 } }]);
    const { events } = await store.readAll();
    expect(events.map((e) => e.metadata.recordedAt)).toEqual([1_000, 1_500]);
    await store.close();
  });
});
