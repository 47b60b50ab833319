import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { messageOf, StorageUnavailableError } from '../core/errors';
import { DEFAULT_SCOPE, type ServerEvent } from '../core/syncProtocol';
import type { StoredEvent, SyncStorage, SyncStorageTransaction } from '../server/syncStorage';

interface Device {
  clientId: string;
  sub: string;
}

/**
 * The events one append stored, in one row: a scope's positions up to `last`, in order. A row
 * per append rather than per event: IndexedDB's cost is per row (Chromium writes 1,000 events
 * about ten times faster as one row than as 1,000), and a push is read and written whole.
 */
interface Chunk {
  scope: string;
  last: number;
  /** Its events' ids: a unique multi-entry index, so an id is stored once in the whole log. */
  ids: string[];
  events: ServerEvent[];
}

/** A stream's scope and version (its number of events), kept as its appends store them. */
interface StreamRow {
  stream: string;
  scope: string;
  version: number;
}

/** Most events a chunk made from rows of an older version holds: a push's. */
const UPGRADE_CHUNK = 1000;

class MockServerDatabase extends Dexie {
  chunks!: Table<Chunk, [string, number]>;
  streams!: EntityTable<StreamRow, 'stream'>;
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
    // One row per append (`Chunk`), each stream's head in a row of its own.
    this.version(4)
      .stores({ log: null, chunks: '[scope+last], &*ids', streams: 'stream' })
      .upgrade(async (tx) => {
        const rows: StoredEvent[] = await tx.table('log').orderBy('[scope+position]').toArray();
        const chunks: Chunk[] = [];
        const streams = new Map<string, StreamRow>();
        for (const { scope, ...event } of rows) {
          const open = chunks.at(-1);
          if (open && open.scope === scope && open.events.length < UPGRADE_CHUNK) {
            open.events.push(event);
            open.ids.push(event.id);
            open.last = event.position;
          } else chunks.push({ scope, last: event.position, ids: [event.id], events: [event] });
          const head = streams.get(event.stream);
          if (!head || head.version < event.version)
            streams.set(event.stream, { stream: event.stream, scope, version: event.version });
        }
        await Promise.all([
          tx.table('chunks').bulkAdd(chunks),
          tx.table('streams').bulkAdd([...streams.values()]),
        ]);
      });
  }
}

/** The scope's chunks, by their last positions. */
const chunksOf = (chunks: Table<Chunk, [string, number]>, scope: string) =>
  chunks.where(':id').between([scope, Dexie.minKey], [scope, Dexie.maxKey]);

/** The position of the scope's newest event (0 when it has none), from the keys alone. */
async function headOf(chunks: Table<Chunk, [string, number]>, scope: string): Promise<number> {
  const key = (await chunksOf(chunks, scope).lastKey()) as [string, number] | undefined;
  return key?.[1] ?? 0;
}

/**
 * Which of `ids` may be stored: read as the stored keys from the least of them to the greatest,
 * in one request, keys only, when that range holds few more keys than `ids` (a push's ids are
 * made close in time, and are new or a retry's); otherwise every id, to be looked up one by one.
 * Every stored one of `ids` is among them, so looking them up finds what looking all up finds.
 */
async function storedAmong(chunks: Table<Chunk, [string, number]>, ids: readonly string[]) {
  if (ids.length < 2) return [...ids];
  const sorted = [...ids].sort();
  const cap = 2 * ids.length;
  const keys = (await chunks
    .where('ids')
    .between(sorted[0], sorted.at(-1), true, true)
    .limit(cap)
    .keys()) as string[];
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
  const chunks = transaction.table<Chunk, [string, number]>('chunks');
  const streams = transaction.table<StreamRow, string>('streams');
  const devices = transaction.table<Device, string>('devices');
  const operations: SyncStorageTransaction = {
    async streamHead(stream) {
      const head = await streams.get(stream);
      return head ? { scope: head.scope, version: head.version } : null;
    },
    async eventsById(ids) {
      const stored = await storedAmong(chunks, ids);
      if (stored.length === 0) return [];
      const wanted = new Set(stored);
      // A chunk holding several of the ids is found once per id: each is taken once, by its
      // first id (ids are unique across scopes, positions are not).
      const holding = new Map(
        (await chunks.where('ids').anyOf(stored).toArray()).map((chunk) => [chunk.ids[0], chunk]),
      );
      return [...holding.values()].flatMap((chunk) =>
        chunk.events.flatMap((event) =>
          wanted.has(event.id) ? [{ ...event, scope: chunk.scope }] : [],
        ),
      );
    },
    async append(newEvents) {
      if (newEvents.length === 0) return [];
      const names = [...new Set(newEvents.map(({ stream }) => stream))];
      const [head, before] = await Promise.all([headOf(chunks, scope), streams.bulkGet(names)]);
      const heads = new Map(names.map((stream, i) => [stream, before[i]]));
      // What the unique `[stream+version]` index of rows per event refused: a version stored
      // already, in any scope (each stream's events come in version order).
      for (const { stream, version } of newEvents) {
        const last = heads.get(stream);
        if (last && last.version >= version) {
          throw new Dexie.ConstraintError(`${stream} has a version ${version} already`);
        }
        heads.set(stream, { stream, scope, version });
      }
      const stored = newEvents.map((event, i) => ({ ...event, position: head + i + 1 }));
      await Promise.all([
        // `add` fails on an id stored already (the unique `ids` index), as the server expects.
        chunks.add({
          scope,
          last: head + stored.length,
          ids: stored.map(({ id }) => id),
          events: stored,
        }),
        streams.bulkPut([...heads.values()] as StreamRow[]),
      ]);
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
      const done = await db.transaction('rw', db.chunks, db.streams, db.devices, (transaction) =>
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
      const events: ServerEvent[] = [];
      if (limit <= 0) return events;
      // The chunks that end after `position`, one at a time until `limit` events are read.
      await db.chunks
        .where(':id')
        .between([scope, position], [scope, Dexie.maxKey], false, true)
        .until(() => events.length >= limit)
        .each((chunk) => {
          for (const event of chunk.events) {
            if (event.position > position && events.length < limit) events.push(event);
          }
        });
      return events;
    },
    head: (scope) => headOf(db.chunks, scope),
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
