import { Dexie, type EntityTable, type Transaction } from 'dexie';
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
 * Every operation goes through the transaction's own table, not `db.events`: the server logic
 * awaits its own async functions between operations, and Dexie cannot always follow its
 * transaction zone through those.
 */
function operationsIn(transaction: Transaction): SyncStorageTransaction {
  const events = transaction.table<ServerEvent, number>('events');
  return {
    async streamVersion(stream) {
      const last = await events
        .where('[stream+version]')
        .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
        .last();
      return last?.version ?? 0;
    },
    eventsById: (ids) =>
      events
        .where('id')
        .anyOf([...ids])
        .toArray(),
    async append(newEvents) {
      const head = ((await events.orderBy('position').lastKey()) as number | undefined) ?? 0;
      const stored = newEvents.map((event, i) => ({ ...event, position: head + i + 1 }));
      await events.bulkAdd(stored);
      return stored;
    },
  };
}

/**
 * Server storage in its own IndexedDB database, so the browser mock server survives a reload and
 * every tab (every simulated device) talks to the same server.
 */
export function indexedDbStorage(name = 'logbook-mock-server'): SyncStorage {
  const db = new MockServerDatabase(name);
  return {
    exclusive: (work) =>
      db.transaction('rw', db.events, (transaction) => work(operationsIn(transaction))),
    readAfter: (position, limit) =>
      db.events.where('position').above(position).limit(limit).toArray(),
  };
}
