import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../src/core/domain';
import { defineProjection, replayProjection } from '../../src/core/projection';
import { counter } from '../../src/testing/conformance/testDomain';
import { openStore } from '../../worker/store/openStore';
import { byVersionParity, type Incremented } from './byVersionParity';
import { wholeLog } from './sync/replay';

/** Keyed on the event's data, which reading ahead knows before the write. */
const byCounter = defineProjection<{ count: number }, Incremented>()({
  name: 'byCounter',
  version: 1,
  key: (event) => event.data.counter,
  on: { Incremented: (view) => ({ count: (view?.count ?? 0) + 1 }) },
});
const domain = defineDomain({ aggregates: [counter], projections: [byVersionParity, byCounter] });

describe('views read ahead of an append', () => {
  it('are read again when the events turn out to touch other keys than guessed', async () => {
    const store = await openStore({ name: 'read-ahead', domain });
    for (let i = 0; i < 5; i++) {
      await store.execute({ type: 'Increment', data: { counter: 'a', by: 1 } });
      await store.append('counter-b', [{ type: 'Incremented', data: { counter: 'b', by: 1 } }]);
    }
    const log = await wholeLog(store);
    for (const projection of [byVersionParity, byCounter]) {
      const replayed = Object.fromEntries(replayProjection(projection, log));
      for (const [key, view] of Object.entries(replayed)) {
        expect(await store.get(projection.name as never, key)).toEqual(view);
      }
    }
    expect(await store.get('byVersionParity', 'odd')).toEqual({ count: 6 });
    expect(await store.get('byCounter', 'a')).toEqual({ count: 5 });
  });
});
