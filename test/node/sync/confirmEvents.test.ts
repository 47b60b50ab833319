import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { defineProjection } from '../../../src/core/projection';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { LogbookDatabase } from '../../../worker/db/database';
import { openStore } from '../../../worker/store/openStore';
import { eventReads } from '../tableReads';
import { type Incremented, timeline } from '../timeline';
import { expectProjectionsMatchReplay, fromServer, wholeLog } from './replay';

const domain = defineDomain({ aggregates: [counter], projections: [totals, timeline] });

let databases = 0;
const open = () => openStore({ name: `confirm-${++databases}`, domain });
const increment = (name: string, by: number) =>
  ({ type: 'Increment', data: { counter: name, by } }) as const;
const acked = (event: RecordedEvent | undefined, serverPosition: number) => ({
  id: event?.id as string,
  position: event?.position as number,
  serverPosition,
});

/** `totals` at version 2: opening a store with it rebuilds the projection from the log. */
const totalsV2 = defineProjection<{ counter: string; value: number }, Incremented>()({
  ...totals,
  version: 2,
  on: { Incremented: totals.on.Incremented },
});

const rebuilt = defineDomain({ aggregates: [counter], projections: [totalsV2] });

/** A store of 400 pending events whose `totals` projection is part-way through a rebuild. */
async function midRebuild() {
  const name = `confirm-rebuild-${++databases}`;
  const before = await openStore({ name, domain });
  for (let i = 0; i < 400; i++) {
    await before.append(`counter-${i % 4}`, [
      { type: 'Incremented', data: { counter: `${i % 4}`, by: 1 } },
    ]);
  }
  await before.close();
  const store = await openStore({ name, domain: rebuilt, rebuildBatchSize: 5 });
  await vi.waitFor(
    async () => expect((await store.projectionStatus())[0]?.processed).toBeGreaterThan(0),
    { interval: 1 },
  );
  return store;
}

type Store = Awaited<ReturnType<typeof midRebuild>>;

/** Syncs that move events in replay order, possibly behind where a rebuild has got to. */
const movingSyncs: Record<string, (store: Store) => Promise<unknown>> = {
  'events settle under it': async (store) => {
    const pending = await store.pendingEvents(200);
    await store.confirmEvents(pending.map((event, i) => acked(event, i + 1)));
  },
  'events are accepted, another device’s first': async (store) => {
    const pending = await store.pendingEvents(200);
    await store.confirmEvents(pending.map((event, i) => acked(event, i + 2)));
  },
  'a pull lands under it': async (store) => {
    const theirs = await (await open()).execute(increment('0', 1));
    await store.applyPulled(fromServer(theirs.events, 1), 1);
  },
};

describe('syncing during a projection rebuild', () => {
  it.each(Object.entries(movingSyncs))('starts it again when %s', async (_, sync) => {
    const store = await midRebuild();
    await sync(store);
    expect((await store.projectionStatus())[0]?.status).toBe('rebuilding');
    await store.projectionsReady();
    await expectProjectionsMatchReplay(store, rebuilt);
    await store.close();
  });

  it('leaves it going when a pull brings nothing new', async () => {
    const store = await midRebuild();
    await vi.waitFor(
      async () => expect((await store.projectionStatus())[0]?.processed).toBeGreaterThan(100),
      { interval: 1 },
    );
    const before = (await store.projectionStatus())[0]?.processed as number;
    await store.applyPulled([], 0);
    expect((await store.projectionStatus())[0]?.processed).toBeGreaterThanOrEqual(before);
    await store.projectionsReady();
    await store.close();
  });
});

describe('confirming pushed events', () => {
  it('settles them at once when the server placed them right after the pull cursor', async () => {
    const here = await open();
    const first = (await here.execute(increment('a', 1))).events[0];
    const second = (await here.execute(increment('b', 2))).events[0];
    await here.confirmEvents([acked(first, 1), acked(second, 2)]);

    expect(await here.pullCursor()).toBe(2);
    expect((await wholeLog(here)).map((event) => event.serverPosition)).toEqual([1, 2]);
    // Pulled back, they are already settled: nothing is added or changed.
    const again = await here.applyPulled(fromServer(await wholeLog(here), 1), 2);
    expect(again).toEqual({ received: 0, rebased: 0, rejected: [] });
    expect(await wholeLog(here)).toHaveLength(2);
    await expectProjectionsMatchReplay(here, domain);
  });

  it('leaves them to the pull when another device’s event came first, and settles them then', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const mine = (await here.execute(increment('a', 1))).events[0];
    const theirs = await there.execute(increment('b', 5));
    await here.confirmEvents([acked(mine, 2)]);
    expect(await here.pullCursor()).toBe(0);

    await here.applyPulled(
      [...fromServer(theirs.events, 1), ...fromServer([mine as RecordedEvent], 2)],
      2,
    );
    expect((await wholeLog(here)).map((event) => [event.id, event.serverPosition])).toEqual([
      [mine?.id, 2],
      [theirs.events[0]?.id, 1],
    ]);
    expect((await here.get('timeline', 'all'))?.ids).toEqual([theirs.events[0]?.id, mine?.id]);
    await expectProjectionsMatchReplay(here, domain);
  });

  it('puts views in server order when the server ordered them unlike the log', async () => {
    const here = await open();
    const first = (await here.execute(increment('a', 1))).events[0];
    const second = (await here.execute(increment('b', 2))).events[0];
    await here.confirmEvents([acked(second, 1), acked(first, 2)]);

    expect(await here.pullCursor()).toBe(2);
    expect((await here.get('timeline', 'all'))?.ids).toEqual([second?.id, first?.id]);
    await expectProjectionsMatchReplay(here, domain);
  });

  it('keeps what settled when later pending work is rewound under another device’s events', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const settled = (await here.execute(increment('a', 1))).events[0];
    const pending = (await here.execute(increment('a', 2))).events[0];
    await here.confirmEvents([acked(settled, 1)]);
    const theirs = await there.execute(increment('z', 7));
    await here.applyPulled(fromServer(theirs.events, 2), 2);

    expect((await here.get('timeline', 'all'))?.ids).toEqual([
      settled?.id,
      theirs.events[0]?.id,
      pending?.id,
    ]);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 3 });
    await expectProjectionsMatchReplay(here, domain);
  });
});

describe('the rows a push was read from', () => {
  const reads = eventReads();
  beforeEach(reads.install);
  afterEach(reads.uninstall);

  it('are what its acknowledgment settles: it reads only which are still pending, keys only', async () => {
    const here = await open();
    for (let i = 0; i < 5; i++) await here.execute(increment(`${i}`, 1));
    const pushed = await here.pendingEvents(10);
    reads.take();
    await here.confirmEvents(pushed.map((event, i) => acked(event, i + 1)));

    expect(reads.take().valueRows).toBe(0);
    expect(await here.pullCursor()).toBe(5);
    expect((await wholeLog(here)).map((event) => event.serverPosition)).toEqual([1, 2, 3, 4, 5]);
    await expectProjectionsMatchReplay(here, domain);
    await here.close();
  });

  it('are not taken for its acknowledgment once they stopped being pending', async () => {
    const name = `confirm-read-${++databases}`;
    const here = await openStore({ name, domain });
    await here.execute(increment('a', 1));
    await here.execute(increment('b', 2));
    const pushed = await here.pendingEvents(10);
    // Pulled back before the push's answer is confirmed (another tab's sync, say): settled.
    await here.applyPulled(fromServer(pushed, 1), 2);
    await here.confirmEvents(pushed.map((event, i) => acked(event, i + 1)));

    const db = new LogbookDatabase(name);
    const rows = await db.events.toCollection().raw().toArray();
    db.close();
    // Taken from the read, they would be marked accepted again, as not following the cursor.
    expect(
      rows.map(({ sync, serverPosition, settled }) => [sync, serverPosition, settled]),
    ).toEqual([
      [undefined, 1, 1],
      [undefined, 2, 2],
    ]);
    await expectProjectionsMatchReplay(here, domain);
    await here.close();
  });

  it('are read for the events the push read did not hold', async () => {
    const here = await open();
    await here.execute(increment('a', 1));
    const [first] = await here.pendingEvents(1);
    const later = (await here.execute(increment('b', 2))).events[0];
    await here.confirmEvents([acked(first, 1), acked(later, 2)]);

    expect(await here.pullCursor()).toBe(2);
    expect((await wholeLog(here)).map((event) => event.serverPosition)).toEqual([1, 2]);
    expect(await here.pendingEvents(10)).toEqual([]);
    await expectProjectionsMatchReplay(here, domain);
    await here.close();
  });
});
