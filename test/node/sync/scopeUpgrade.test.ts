import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { openStore } from '../../../worker/store/openStore';
import { deviceMetadata } from '../../eventMetadata';
import { expectProjectionsMatchReplay, wholeLog } from './replay';
import { scopedServer, twoShops } from './scopedServer';

/** The store's schema as version 4 left it: one pull cursor, replay by server position. */
class Version4 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(4).stores({
      events: '++position, &id, &[stream+version], serverPosition, [sync+position]',
      commands: 'id, status',
      views: '[projection+key], *terms',
      projections: 'name',
      meta: 'key',
      viewBases: '[projection+key]',
      snapshots: 'stream',
    });
  }
}

const row = (stream: string, version: number, serverPosition: number | null, sync?: string) => ({
  id: `${stream}-${version}`,
  stream,
  version,
  type: 'Incremented',
  data: { counter: stream.slice('counter-'.length), by: 1 },
  serverPosition,
  metadata: deviceMetadata(),
  ...(sync && { sync }),
});

let databases = 0;

/**
 * A device that synced shop-a before scopes had their own cursors: its own event first in the
 * log but second on the server, another device's after it, one accepted and one pending event;
 * `timeline` part-way through a rebuild as version 4 stored it.
 */
async function syncedOneScope() {
  const name = `scope-upgrade-${++databases}`;
  const old = new Version4(name);
  await old
    .table('events')
    .bulkAdd([
      row('counter-a1', 1, 2),
      row('counter-a2', 1, 1),
      row('counter-a2', 2, 3),
      row('counter-a1', 2, 5, 'accepted'),
      row('counter-a1', 3, null, 'pending'),
    ]);
  await old.table('meta').put({ key: 'pullCursor', value: 3 });
  await old.table('projections').put({
    name: 'timeline',
    version: 1,
    status: 'rebuilding',
    phase: 'confirmed',
    position: 2,
    processed: 2,
  });
  await old.table('views').put({
    projection: 'timeline',
    key: 'all',
    value: { ids: ['counter-a2-1', 'counter-a1-1'] },
    terms: [],
  });
  old.close();
  return name;
}

describe('a store from schema version 4 (one scope)', () => {
  it('replays settled events in server order, restarting a rebuild it had under way', async () => {
    const store = await openStore({ name: await syncedOneScope(), domain: twoShops });
    await store.projectionsReady();
    expect((await store.get('timeline', 'all'))?.ids).toEqual([
      'counter-a2-1',
      'counter-a1-1',
      'counter-a2-2',
      'counter-a1-2',
      'counter-a1-3',
    ]);
    await expectProjectionsMatchReplay(store, twoShops);
    await store.rebuildProjection('timeline');
    await store.projectionsReady();
    await expectProjectionsMatchReplay(store, twoShops);
    await store.close();
  });

  it('hands its one cursor to the scope its settled events are in, and syncs on from there', async () => {
    const store = await openStore({ name: await syncedOneScope(), domain: twoShops });
    expect(await store.pullCursor('shop-b')).toBe(0);
    expect(await store.pullCursor('shop-a')).toBe(3);

    const server = scopedServer();
    server.store('shop-a', (await wholeLog(store)).slice(0, 3));
    server.store('shop-a', [{ ...row('counter-a2', 3, 4), position: 0 }] as never);
    server.store('shop-a', (await wholeLog(store)).slice(3, 4));
    server.store('shop-b', [{ ...row('counter-b1', 1, 1), position: 0 }] as never);
    await server.pull(store, 'shop-a');
    await server.pull(store, 'shop-b');
    expect(await store.pullCursor('shop-a')).toBe(5);
    expect(await store.pullCursor('shop-b')).toBe(1);
    expect(await wholeLog(store)).toHaveLength(7);
    expect(await store.pendingEvents(10)).toHaveLength(1);
    await expectProjectionsMatchReplay(store, twoShops);
    await store.close();
  });

  it('without scopeOf, hands its one cursor to the first scope that asks', async () => {
    const { scopeOf: _, ...oneScope } = twoShops;
    const store = await openStore({ name: await syncedOneScope(), domain: defineDomain(oneScope) });
    expect(await store.pullCursor('shop-x')).toBe(3);
    expect(await store.pullCursor('shop-y')).toBe(0);
    expect(await store.pullCursor('shop-x')).toBe(3);
    await store.close();
  });
});
