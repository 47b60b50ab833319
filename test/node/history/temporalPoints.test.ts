import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAggregate } from '../../../src/core/decider';
import { defineDomain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { counter } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { wholeLog } from '../sync/replay';
import { openSyncedDevice } from '../sync/syncedDevice';
import { timeline } from '../timeline';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

let runs = 0;

type Added = { type: 'Added'; data: { tally: string; by: number } };
/** How many events `evolve` has folded: what a state read from a snapshot saves. */
let evolved = 0;
const tallyWith = (snapshotVersion: number) =>
  defineAggregate({
    name: 'tally',
    commands: { Add: z.object({ tally: z.string(), by: z.number().int() }) },
    streamOf: (command) => `tally-${command.data.tally}`,
    initialState: () => ({ total: 0, folded: 0 }),
    evolve: (state, event: Added) => {
      evolved += 1;
      return { total: state.total + event.data.by, folded: state.folded + 1 };
    },
    decide: (command): Added[] => [{ type: 'Added', data: command.data }],
    snapshots: { every: 4, version: snapshotVersion },
  });
const tallies = (snapshotVersion: number) =>
  defineDomain({ aggregates: [tallyWith(snapshotVersion)], projections: [] });

describe('an aggregate’s state at a point', () => {
  it('starts from the stream’s snapshot at or before the point, and equals a full fold', async () => {
    const name = `state-at-${++runs}`;
    const store = await openStore({ name, domain: tallies(1) });
    for (let by = 1; by <= 6; by++) await store.execute({ type: 'Add', data: { tally: 'a', by } });
    const last = (await store.readStream('tally-a')).at(-1) as RecordedEvent;

    const at = async (point: { version: number } | { at: number }) => {
      evolved = 0;
      const state = await store.aggregateStateAt('tally', 'tally-a', point);
      return { state, evolved };
    };
    expect(await at({ version: 6 })).toEqual({ state: { total: 21, folded: 6 }, evolved: 2 });
    expect(await at({ version: 5 })).toEqual({ state: { total: 15, folded: 5 }, evolved: 1 });
    expect(await at({ version: 4 })).toEqual({ state: { total: 10, folded: 4 }, evolved: 0 });
    expect(await at({ version: 3 })).toEqual({ state: { total: 6, folded: 3 }, evolved: 3 });
    expect(await at({ at: last.metadata.recordedAt })).toEqual({
      state: { total: 21, folded: 6 },
      evolved: 2,
    });
    expect(await at({ at: 0 })).toEqual({ state: { total: 0, folded: 0 }, evolved: 0 });
    await store.close();

    // A snapshot of another decider version is not used.
    const changed = await openStore({ name, domain: tallies(2) });
    evolved = 0;
    expect(await changed.aggregateStateAt('tally', 'tally-a', { version: 6 })).toEqual({
      total: 21,
      folded: 6,
    });
    expect(evolved).toBe(6);
    await changed.close();
  });
});

const counters = defineDomain({ aggregates: [counter], projections: [timeline] });
const increment = (name: string, by: number) =>
  ({ type: 'Increment', data: { counter: name, by } }) as const;

describe('a projection at a point of the log of a device that synced with another', () => {
  it('replays the events up to that local position in replay order, as the stored views do', async () => {
    const [here, there] = await Promise.all([
      openSyncedDevice(`projection-at-${++runs}`, counters),
      openSyncedDevice(`projection-at-${++runs}`, counters),
    ]);
    const [mine] = (await here.store.execute(increment('a', 1))).events;
    const [theirs] = (await there.store.execute(increment('b', 2))).events;
    await there.sync.syncNow();
    await here.sync.syncNow();
    const [later] = (await here.store.execute(increment('c', 3))).events;

    // Mine came first here, theirs first on the server.
    expect((await wholeLog(here.store)).map((event) => [event.id, event.serverPosition])).toEqual([
      [mine?.id, 2],
      [theirs?.id, 1],
      [later?.id, null],
    ]);
    const stored = await here.store.list('timeline');
    expect(stored).toEqual([{ ids: [theirs?.id, mine?.id, later?.id] }]);
    expect(await here.store.projectionAt('timeline', { position: 3 })).toEqual(stored);
    expect(await here.store.projectionAt('timeline', { position: 2 })).toEqual([
      { ids: [theirs?.id, mine?.id] },
    ]);
    expect(await here.store.projectionAt('timeline', { position: 1 })).toEqual([
      { ids: [mine?.id] },
    ]);
    expect(await here.store.projectionAt('timeline', { at: Date.now() })).toEqual(stored);
    expect(await here.store.projectionAt('timeline', { at: 0 })).toEqual([]);
    await Promise.all([here.close(), there.close()]);
  });
});
