import { Dexie, type EntityTable } from 'dexie';
import type { ServerEvent } from '../core/syncProtocol';
import type { SyncStorage, SyncStorageTransaction } from '../server/syncStorage';

class MockServerDatabase extends Dexie {
  events!: EntityTable<ServerEvent, 'position'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ events: 'position, &id, &[stream+version]' });
  }
}

/**
 * Server storage in its own IndexedDB database, so the browser mock server survives a reload and
 * every tab (every simulated device) talks to the same server.
 */
export function indexedDbStorage(name = 'logbook-mock-server'): SyncStorage {
  const db = new MockServerDatabase(name);
  const transaction: SyncStorageTransaction = {
    async streamVersion(stream) {
      const last = await db.events
        .where('[stream+version]')
        .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
        .last();
      return last?.version ?? 0;
    },
    eventsById: (ids) =>
      db.events
        .where('id')
        .anyOf([...ids])
        .toArray(),
    async append(events) {
      const head = ((await db.events.orderBy('position').lastKey()) as number | undefined) ?? 0;
      const stored = events.map((event, i) => ({ ...event, position: head + i + 1 }));
      await db.events.bulkAdd(stored);
      return stored;
    },
  };
  return {
    exclusive: (work) => db.transaction('rw', db.events, () => work(transaction)),
    readAfter: (position, limit) =>
      db.events.where('position').above(position).limit(limit).toArray(),
  };
}
