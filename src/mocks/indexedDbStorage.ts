import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { StorageUnavailableError } from '../core/errors';
import { DEFAULT_SCOPE, type ServerEvent } from '../core/syncProtocol';
import type { StoredEvent, SyncStorage, SyncStorageTransaction } from '../server/syncStorage';

interface Device {
  clientId: string;
  sub: string;
}

class MockServerDatabase extends Dexie {
  log!: EntityTable<StoredEvent, 'id'>;
  devices!: EntityTable<Device, 'clientId'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ events: 'position, &id, &[stream+version]' });
    // Keyed by id, so a push's retry check is one batch of gets, not an index walk.
    this.version(2)
      .stores({ events: null, log: 'id, &position, &[stream+version]' })
      .upgrade(async (tx) => {
        await tx.table('log').bulkAdd(await tx.table('events').toArray());
      });
    // Positions per scope; the events stored before scopes are the default scope's, at the
    // positions they had (dense from 1, as they were in the one log).
    this.version(3)
      .stores({ log: 'id, &[scope+position], &[stream+version]', devices: 'clientId' })
      .upgrade(async (tx) => {
        await tx
          .table('log')
          .toCollection()
          .modify((event: StoredEvent) => {
            event.scope = DEFAULT_SCOPE;
          });
      });
  }
}

const withoutScope = ({ scope: _, ...event }: StoredEvent): ServerEvent => event;

/** The newest event of `scope`, from an index ordered by scope, then position. */
const scopeRange = (scope: string) => [
  [scope, Dexie.minKey],
  [scope, Dexie.maxKey],
];

/**
 * Every operation goes through the transaction's own tables, not `db.log`: the server logic
 * awaits its own async functions between operations, and Dexie cannot always follow its
 * transaction zone through those.
 */
function operationsIn(transaction: Transaction, scope: string, appended: (head: number) => void) {
  const log = transaction.table<StoredEvent, string>('log');
  const devices = transaction.table<Device, string>('devices');
  const operations: SyncStorageTransaction = {
    async streamHead(stream) {
      const last = await log
        .where('[stream+version]')
        .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
        .last();
      return last ? { scope: last.scope, version: last.version } : null;
    },
    async eventsById(ids) {
      return (await log.bulkGet([...ids])).filter((event) => event !== undefined);
    },
    async append(newEvents) {
      const [from, to] = scopeRange(scope);
      const head = (await log.where('[scope+position]').between(from, to).last())?.position ?? 0;
      const stored = newEvents.map((event, i) => ({ ...event, position: head + i + 1 }));
      await log.bulkAdd(stored.map((event) => ({ ...event, scope })));
      appended(head + stored.length);
      return stored;
    },
    async deviceOwner(clientId) {
      return (await devices.get(clientId))?.sub ?? null;
    },
    async claimDevice(clientId, sub) {
      // `add` fails on an id already claimed: a claim is never taken over.
      if ((await devices.get(clientId))?.sub !== sub) await devices.add({ clientId, sub });
    },
  };
  return operations;
}

type Listener = (scope: string, head: number) => void;
/** The listeners of every storage open in this realm, by database name. */
const listenersByName = new Map<string, Set<Listener>>();

/**
 * Server storage in its own IndexedDB database, so the browser mock server survives a reload and
 * every tab (every simulated device) talks to the same server. Listeners hear of the commits of
 * every storage on this database in this realm (not other tabs').
 */
export function indexedDbStorage(name = 'logbook-mock-server'): SyncStorage {
  const db = new MockServerDatabase(name);
  const listeners = listenersByName.get(name) ?? listenersByName.set(name, new Set()).get(name);
  const announce = (scope: string, head: number) => {
    for (const listener of listeners ?? []) listener(scope, head);
  };
  return {
    async exclusive(scope, work) {
      let head: number | null = null;
      const done = await db.transaction('rw', db.log, db.devices, (transaction) =>
        work(
          operationsIn(transaction, scope, (last) => {
            head = last;
          }),
        ),
      );
      if (head !== null) announce(scope, head);
      return done;
    },
    async readAfter(scope, position, limit) {
      const events = await db.log
        .where('[scope+position]')
        .between([scope, position], [scope, Dexie.maxKey], false)
        .limit(limit)
        .toArray();
      return events.map(withoutScope);
    },
    async head(scope) {
      const [from, to] = scopeRange(scope);
      return (await db.log.where('[scope+position]').between(from, to).last())?.position ?? 0;
    },
    watch(listener) {
      const own: Listener = (scope, head) => listener(scope, head);
      listeners?.add(own);
      return () => void listeners?.delete(own);
    },
    async ping() {
      await db.open().catch((error: unknown) => {
        throw new StorageUnavailableError({
          reason: error instanceof Error ? error.message : String(error),
        });
      });
    },
    async close() {
      db.close();
    },
  };
}
