import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { messageOf, StorageUnavailableError } from '../core/errors';
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
 * Which of `ids` may be stored: read as the stored keys from the least of them to the greatest,
 * in one request, keys only, when that range holds few more keys than `ids` (a push's ids are
 * made close in time, and are new or a retry's); otherwise every id, to be looked up one by one.
 * Every stored one of `ids` is among them, so looking them up finds what looking all up finds.
 */
async function storedAmong(log: Table<StoredEvent, string>, ids: readonly string[]) {
  if (ids.length < 2) return [...ids];
  const sorted = [...ids].sort();
  const cap = 2 * ids.length;
  const keys = await log
    .where(':id')
    .between(sorted[0], sorted.at(-1), true, true)
    .limit(cap)
    .primaryKeys();
  if (keys.length === cap) return [...ids];
  const wanted = new Set(ids);
  return keys.filter((key) => wanted.has(key));
}

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
      const stored = await storedAmong(log, ids);
      return (await log.bulkGet(stored)).filter((event) => event !== undefined);
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
/** The heads of commits in other realms (tabs, workers) reach this one's listeners too. */
const headsChannel = (name: string) => new BroadcastChannel(`logbook-mock-server-heads:${name}`);

/**
 * Server storage in its own IndexedDB database, so the browser mock server survives a reload and
 * every tab (every simulated device) talks to the same server. Listeners hear of the commits of
 * every storage on this database, in this realm at once and in others (other tabs' workers) over
 * a BroadcastChannel, open while this storage has listeners.
 */
export function indexedDbStorage(name = 'logbook-mock-server'): SyncStorage {
  const db = new MockServerDatabase(name);
  const listeners = listenersByName.get(name) ?? listenersByName.set(name, new Set()).get(name);
  const hear = (scope: string, head: number) => {
    for (const listener of listeners ?? []) listener(scope, head);
  };
  let channel: BroadcastChannel | null = null;
  const announce = (scope: string, head: number) => {
    hear(scope, head);
    // Posted on this storage's own channel when open, which does not hear its own messages.
    const sender = channel ?? headsChannel(name);
    sender.postMessage({ scope, head });
    if (sender !== channel) sender.close();
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
      if (!channel) {
        channel = headsChannel(name);
        channel.onmessage = ({ data }: MessageEvent<{ scope: string; head: number }>) =>
          hear(data.scope, data.head);
      }
      return () => {
        listeners?.delete(own);
        if (listeners?.size === 0) {
          channel?.close();
          channel = null;
        }
      };
    },
    async ping() {
      await db.open().catch((error: unknown) => {
        throw new StorageUnavailableError({
          reason: messageOf(error),
        });
      });
    },
    async close() {
      db.close();
    },
  };
}
