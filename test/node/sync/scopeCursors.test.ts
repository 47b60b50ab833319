import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/core/events';
import { logInReplayOrder } from '../../../src/testing';
import { openStore } from '../../../worker/store/openStore';
import { expectProjectionsMatchReplay, wholeLog } from './replay';
import { increment, scopedServer, type TwoShopsStore, twoShops } from './scopedServer';

let databases = 0;
const open = () => openStore({ name: `scope-cursors-${++databases}`, domain: twoShops });

/** Another device's events on `stream`, `count` of them. */
async function elsewhere(stream: string, count: number): Promise<RecordedEvent[]> {
  const there = await open();
  for (let i = 0; i < count; i++) await there.execute(increment(stream.slice('counter-'.length)));
  const events = await wholeLog(there);
  await there.close();
  return events;
}

const ids = (events: readonly RecordedEvent[]) => events.map((event) => event.id);
const timelineOf = async (store: TwoShopsStore) => (await store.get('timeline', 'all'))?.ids;

describe('a store that syncs two scopes', () => {
  it('pulls both though their server positions collide, each scope to its own cursor', async () => {
    const server = scopedServer();
    const [a, b] = [await elsewhere('counter-a1', 3), await elsewhere('counter-b1', 3)];
    server.store('shop-a', a);
    server.store('shop-b', b);
    const here = await open();

    await server.pull(here, 'shop-a');
    await server.pull(here, 'shop-b');

    expect(await here.pullCursor('shop-a')).toBe(3);
    expect(await here.pullCursor('shop-b')).toBe(3);
    expect(await here.pullCursor()).toBe(0);
    expect(ids(await wholeLog(here))).toEqual(ids([...a, ...b]));
    expect(await timelineOf(here)).toEqual(ids([...a, ...b]));
    await expectProjectionsMatchReplay(here, twoShops);
    // Pulled again from the start, nothing is stored twice.
    await here.applyPulled(server.logOf('shop-b'), 3, 'shop-b');
    expect(await wholeLog(here)).toHaveLength(6);
  });

  it('rebases pending work of the scope the pulled events conflict in, and only that', async () => {
    const server = scopedServer();
    const theirs = await elsewhere('counter-a1', 2);
    server.store('shop-a', theirs);
    const here = await open();
    await here.execute(increment('a1'));
    await here.execute(increment('b1'));
    const [, mineInB] = await here.pendingEvents(10);

    const outcome = await here.applyPulled(server.logOf('shop-a'), 2, 'shop-a');

    expect(outcome).toMatchObject({ received: 2, rebased: 1, rejected: [] });
    const pending = await here.pendingEvents(10);
    expect(pending.map((event) => [event.stream, event.version])).toEqual([
      ['counter-b1', 1],
      ['counter-a1', 3],
    ]);
    expect(pending[0]).toEqual(mineInB);
    await expectProjectionsMatchReplay(here, twoShops);
  });

  it('settles acks of one scope against that scope’s cursor, never another’s', async () => {
    const server = scopedServer();
    server.store('shop-a', await elsewhere('counter-a1', 3));
    const othersInB = await elsewhere('counter-b1', 3);
    server.store('shop-b', othersInB);
    const here = await open();
    await server.pull(here, 'shop-a');
    await here.execute(increment('b2'));

    // Accepted at shop-b's 4, which follows shop-a's cursor (3) but not shop-b's (0).
    await server.push(here, 'shop-b');
    expect(await here.pullCursor('shop-b')).toBe(0);
    expect(await here.pullCursor('shop-a')).toBe(3);

    await server.pull(here, 'shop-b');
    expect(await here.pullCursor('shop-b')).toBe(4);
    const log = await logInReplayOrder(here);
    expect(log.map((event) => [event.stream, event.serverPosition])).toEqual([
      ...[1, 2, 3].map((position) => ['counter-a1', position]),
      ...[1, 2, 3].map((position) => ['counter-b1', position]),
      ['counter-b2', 4],
    ]);
    await expectProjectionsMatchReplay(here, twoShops);
  });

  it('settles a page of one scope around an accepted event of the other', async () => {
    const server = scopedServer();
    const othersInB = await elsewhere('counter-b1', 1);
    server.store('shop-b', othersInB);
    const here = await open();
    await here.execute(increment('a1'));
    await here.execute(increment('b2'));
    await here.execute(increment('a1'));
    const [a1, b2, a2] = await here.pendingEvents(10);

    await server.push(here, 'shop-b'); // at shop-b's 2: accepted, shop-b's 1 not pulled yet
    await server.push(here, 'shop-a'); // at shop-a's 1 and 2: they settle at once
    expect(await here.pullCursor('shop-a')).toBe(2);
    expect(await here.pullCursor('shop-b')).toBe(0);
    expect(await timelineOf(here)).toEqual(ids([a1, a2, b2] as RecordedEvent[]));
    await expectProjectionsMatchReplay(here, twoShops);

    await server.pull(here, 'shop-b');
    expect(await here.syncSummary()).toMatchObject({ pending: 0 });
    expect(await timelineOf(here)).toEqual(ids([a1, a2, othersInB[0], b2] as RecordedEvent[]));
    await expectProjectionsMatchReplay(here, twoShops);
  });

  it('rebuilds a projection to the views it kept, in the order the scopes settled', async () => {
    const server = scopedServer();
    server.store('shop-b', await elsewhere('counter-b1', 3));
    server.store('shop-a', await elsewhere('counter-a1', 3));
    const here = await open();
    await here.execute(increment('a2'));
    await server.pull(here, 'shop-b');
    await server.push(here, 'shop-a');
    await server.pull(here, 'shop-a');
    const kept = await timelineOf(here);

    await here.rebuildProjection('timeline');
    await here.projectionsReady();

    expect(await timelineOf(here)).toEqual(kept);
    await expectProjectionsMatchReplay(here, twoShops);
  });
});
