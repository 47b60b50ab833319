import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE } from '../../../src/core/syncProtocol';
import { indexedDbStorage } from '../../../src/mocks/indexedDbStorage';
import { createSyncServer } from '../../../src/server/syncServer';
import { deviceMetadata } from '../../eventMetadata';

const metadata = deviceMetadata();
const stored = (position: number) => ({
  id: `event-${position}`,
  stream: 'counter-a',
  version: position,
  type: 'Incremented',
  data: { counter: 'a', by: 1 },
  metadata,
  position,
});

/** The mock storage opened on a database an older version wrote two events to, in `table`. */
async function upgradedFrom(version: number, table: string, schema: string) {
  const name = `mock-server-v${version}-${Date.now()}`;
  const old = new Dexie(name);
  old.version(version).stores({ [table]: schema });
  await old.table(table).bulkAdd([stored(1), stored(2)]);
  old.close();
  return indexedDbStorage(name);
}

/** The server's answer to the third event of the stream, pushed into `scope`. */
async function pushThird(storage: ReturnType<typeof indexedDbStorage>, scope: string) {
  const { id, type, data } = stored(3);
  const { results } = await createSyncServer(storage).push(
    {
      scope,
      clientId: metadata.clientId,
      streams: [{ stream: 'counter-a', baseVersion: 2, events: [{ id, type, data, metadata }] }],
    },
    { sub: 'alice' },
  );
  return results;
}

describe('the browser mock server’s storage', () => {
  it('keeps the events a first-version database stored, in the default scope, and goes on after them', async () => {
    const storage = await upgradedFrom(1, 'events', 'position, &id, &[stream+version]');
    expect(await storage.readAfter(DEFAULT_SCOPE, 0, 10)).toEqual([stored(1), stored(2)]);
    expect(await pushThird(storage, DEFAULT_SCOPE)).toEqual([
      {
        stream: 'counter-a',
        status: 'accepted',
        events: [{ id: stored(3).id, version: 3, position: 3 }],
      },
    ]);
    await storage.close();
  });

  it('moves the events of the one log before scopes to the default scope, at their positions', async () => {
    const storage = await upgradedFrom(2, 'log', 'id, &position, &[stream+version]');
    expect(await storage.readAfter(DEFAULT_SCOPE, 0, 10)).toEqual([stored(1), stored(2)]);
    expect(await storage.head(DEFAULT_SCOPE)).toBe(2);
    expect(await storage.head('shop-1')).toBe(0);
    // Their streams are the default scope's.
    expect(await pushThird(storage, 'shop-1')).toEqual([
      expect.objectContaining({ stream: 'counter-a', status: 'refused' }),
    ]);
    await storage.close();
  });

  it('keeps the events a third-version database stored one row each, scope by scope, and goes on after them', async () => {
    const name = `mock-server-v3-${Date.now()}`;
    const old = new Dexie(name);
    old.version(3).stores({ log: 'id, &[scope+position], &[stream+version]', devices: 'clientId' });
    const inShop = { ...stored(1), id: 'shop-event', stream: 'counter-b', version: 1 };
    await old.table('log').bulkAdd([
      { ...stored(1), scope: DEFAULT_SCOPE },
      { ...inShop, scope: 'shop-1' },
      { ...stored(2), scope: DEFAULT_SCOPE },
    ]);
    old.close();
    const storage = indexedDbStorage(name);
    expect(await storage.readAfter(DEFAULT_SCOPE, 0, 10)).toEqual([stored(1), stored(2)]);
    expect(await storage.readAfter(DEFAULT_SCOPE, 1, 1)).toEqual([stored(2)]);
    expect(await storage.readAfter('shop-1', 0, 10)).toEqual([inShop]);
    expect(await storage.head(DEFAULT_SCOPE)).toBe(2);
    expect(await storage.head('shop-1')).toBe(1);
    expect(
      await storage.exclusive('shop-1', (tx) => tx.eventsById(['event-2', 'shop-event'])),
    ).toHaveLength(2);
    expect(await pushThird(storage, DEFAULT_SCOPE)).toEqual([
      {
        stream: 'counter-a',
        status: 'accepted',
        events: [{ id: stored(3).id, version: 3, position: 3 }],
      },
    ]);
    // A stream keeps its scope and version: the same push into another scope is refused.
    expect(await pushThird(storage, 'shop-1')).toEqual([
      expect.objectContaining({ stream: 'counter-a', status: 'refused' }),
    ]);
    await storage.close();
  });
});
