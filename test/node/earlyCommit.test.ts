import { defineDomain, replayProjection } from 'logbook';
import { openStore } from 'logbook/worker';
import { describe, expect, it, vi } from 'vitest';
import { counter } from '../../src/testing/conformance/testDomain';
import { byVersionParity } from './byVersionParity';
import { wholeLog } from './sync/replay';

const domain = defineDomain({ aggregates: [counter], projections: [byVersionParity] });
const increment = (name: string) => ({
  type: 'Increment' as const,
  data: { counter: name, by: 1 },
});

describe('a local write', () => {
  it('commits as soon as its last request is made, its events and views whole', async () => {
    const store = await openStore({ name: 'early-commit', domain });
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');
    try {
      await store.execute(increment('a'));
      await store.append('counter-b', [{ type: 'Incremented', data: { counter: 'b', by: 1 } }]);
      await store.execute(increment('a'));
      expect(commit).toHaveBeenCalledTimes(3);
    } finally {
      commit.mockRestore();
    }
    const log = await wholeLog(store);
    expect(log.map((event) => [event.stream, event.version])).toEqual([
      ['counter-a', 1],
      ['counter-b', 1],
      ['counter-a', 2],
    ]);
    for (const [key, view] of replayProjection(byVersionParity, log)) {
      expect(await store.get('byVersionParity', key)).toEqual(view);
    }
    await store.close();
  });
});
