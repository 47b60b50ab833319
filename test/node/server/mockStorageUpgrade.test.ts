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

describe('the browser mock server’s storage', () => {
  it('keeps the events a first-version database stored, in the default scope, and goes on after them', async () => {
    const name = `mock-server-v1-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores({ events: 'position, &id, &[stream+version]' });
    await old.table('events').bulkAdd([stored(1), stored(2)]);
    old.close();

    const storage = indexedDbStorage(name);
    expect(await storage.readAfter(DEFAULT_SCOPE, 0, 10)).toEqual([stored(1), stored(2)]);
    const server = createSyncServer(storage);
    const { id, type, data } = stored(3);
    const { results } = await server.push(
      {
        scope: DEFAULT_SCOPE,
        clientId: metadata.clientId,
        streams: [{ stream: 'counter-a', baseVersion: 2, events: [{ id, type, data, metadata }] }],
      },
      { sub: 'alice' },
    );
    expect(results).toEqual([
      { stream: 'counter-a', status: 'accepted', events: [{ id, version: 3, position: 3 }] },
    ]);
  });

  it('moves the events of the one log before scopes to the default scope, at their positions', async () => {
    const name = `mock-server-v2-${Date.now()}`;
    const old = new Dexie(name);
    old.version(2).stores({ log: 'id, &position, &[stream+version]' });
    await old.table('log').bulkAdd([stored(1), stored(2)]);
    old.close();

    const storage = indexedDbStorage(name);
    expect(await storage.readAfter(DEFAULT_SCOPE, 0, 10)).toEqual([stored(1), stored(2)]);
    expect(await storage.head(DEFAULT_SCOPE)).toBe(2);
    expect(await storage.head('shop-1')).toBe(0);
    const server = createSyncServer(storage);
    const { id, type, data } = stored(3);
    const { results } = await server.push(
      {
        scope: 'shop-1',
        clientId: metadata.clientId,
        streams: [{ stream: 'counter-a', baseVersion: 2, events: [{ id, type, data, metadata }] }],
      },
      { sub: 'alice' },
    );
    expect(results).toEqual([expect.objectContaining({ stream: 'counter-a', status: 'refused' })]);
    await storage.close();
  });
});
