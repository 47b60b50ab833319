import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/core/events';
import { logInReplayOrder } from '../../../src/testing';
import { exportAll } from '../../../src/testing/conformance/history';
import { openStore } from '../../../worker/store/openStore';
import { expectProjectionsMatchReplay, wholeLog } from '../sync/replay';
import { increment, scopedServer, type TwoShopsStore, twoShops } from '../sync/scopedServer';

let databases = 0;
const open = () => openStore({ name: `scoped-export-${++databases}`, domain: twoShops });

/** What an import must give again: the log in replay order, and every view. */
async function everything(store: TwoShopsStore) {
  const strip = ({ position: _, ...event }: RecordedEvent) => event;
  return {
    log: (await logInReplayOrder(store)).map(strip),
    totals: await store.list('totals'),
    timeline: await store.get('timeline', 'all'),
  };
}

/**
 * A device that settled shop-b before shop-a (server positions 1, 2, 3 in each), with an event
 * accepted in shop-b and one pending.
 */
async function twoScopesSettled(): Promise<TwoShopsStore> {
  const server = scopedServer();
  const there = await open();
  for (const name of ['a1', 'b1', 'a1', 'b1', 'a1']) await there.execute(increment(name));
  await server.push(there, 'shop-a');
  await server.push(there, 'shop-b');
  const here = await open();
  await here.execute(increment('a2'));
  await here.execute(increment('b2'));
  await server.pull(here, 'shop-b');
  await server.push(here, 'shop-a');
  await server.pull(here, 'shop-a');
  server.store('shop-b', [(await wholeLog(there))[1] as RecordedEvent]); // in between
  await server.push(here, 'shop-b'); // accepted: shop-b's 3 is not pulled yet
  await here.execute(increment('a1'));
  await there.close();
  return here;
}

describe('export and import of a log of two scopes', () => {
  it('gives an empty store the same replay order and views, and a rebuild agrees', async () => {
    const source = await twoScopesSettled();
    const copy = await open();
    await copy.importLog(await exportAll(source, 3));

    expect(await everything(copy)).toEqual(await everything(source));
    await copy.rebuildProjection('timeline');
    await copy.projectionsReady();
    expect(await everything(copy)).toEqual(await everything(source));
    await expectProjectionsMatchReplay(copy, twoShops);
    expect(await copy.pendingEvents(10)).toHaveLength(1);
  });

  it('still imports a backup made before (no settle order: settled by server position)', async () => {
    const server = scopedServer();
    const source = await open();
    await source.execute(increment('a1'));
    server.store('shop-a', [{ ...(await elsewhereEvent()), position: 0 } as never]);
    await server.push(source, 'shop-a'); // at 2: accepted until the pull settles it after 1
    await server.pull(source, 'shop-a');
    const old = (await exportAll(source))
      .split('\n')
      .map((line) =>
        line === '' ? '' : JSON.stringify({ ...JSON.parse(line), settled: undefined }),
      )
      .join('\n');
    expect(old).not.toContain('settled');

    const copy = await open();
    await copy.importLog(old);
    expect(await everything(copy)).toEqual(await everything(source));
    await expectProjectionsMatchReplay(copy, twoShops);
  });
});

/** One event another device recorded on shop-a. */
async function elsewhereEvent(): Promise<RecordedEvent> {
  const there = await open();
  await there.execute(increment('a3'));
  const [event] = await wholeLog(there);
  await there.close();
  return event as RecordedEvent;
}
