import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { ServerEvent } from '../core/syncProtocol';
import type { SyncStorage, SyncStorageTransaction } from '../server/syncStorage';

class MockServerDatabase extends Dexie {
  log!: EntityTable<ServerEvent, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ events: 'position, &id, &[stream+version]' });
    // Keyed by id, so a push's retry check is one batch of gets, not an index walk.
    this.version(2)
      .stores({ events: null, log: 'id, &position, &[stream+version]' })
      .upgrade(async (tx) => {
        await tx.table('log').bulkAdd(await tx.table('events').toArray());
      });
  }
}

/**
 * Every operation goes through the transaction's own table, not `db.events`: the server logic
 * awaits its own async functions between operations, and Dexie cannot always follow its
 * transaction zone through those.
 */
function operationsIn(transaction: Transaction): SyncStorageTransaction {
  const log = transaction.table<ServerEvent, string>('log');
  return {
    async streamVersion(stream) {
      const last = await log
        .where('[stream+version]')
        .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
        .last();
      return last?.version ?? 0;
    },
    async eventsById(ids) {
      return (await log.bulkGet([...ids])).filter((event) => event !== undefined);
    },
    async append(newEvents) {
      const head = ((await log.orderBy('position').lastKey()) as number | undefined) ?? 0;
      const stored = newEvents.map((event, i) => ({ ...event, position: head + i + 1 }));
      await log.bulkAdd(stored);
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
      db.transaction('rw', db.log, (transaction) => work(operationsIn(transaction))),
    readAfter: (position, limit) => db.log.where('position').above(position).limit(limit).toArray(),
  };
}
