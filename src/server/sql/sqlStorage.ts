import { ForbiddenError } from '../../core/errors';
import type { ServerEvent } from '../../core/syncProtocol';
import {
  ConcurrentPushError,
  type EventJson,
  type StoredEvent,
  type SyncStorage,
  type SyncStorageTransaction,
} from '../syncStorage';
import {
  coalescedHeadSender,
  HEADS_CHANNEL,
  headPayload,
  headWatchers,
  parseHeadPayload,
} from './headNotices';
import { migrate } from './migrations';
import type { SqlClient, SqlQueries } from './sqlClient';

interface EventRow {
  scope: string;
  position: number | string;
  id: string;
  stream: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
}

/** Data and metadata as text, parsed here: both drivers then read them alike. */
const EVENT_COLUMNS =
  'scope, position, id, stream, version, type, data::text as data, metadata::text as metadata';

const serverEventOf = (row: EventRow): ServerEvent => ({
  id: row.id,
  stream: row.stream,
  version: row.version,
  position: Number(row.position),
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
});

/** A scope's events after a position, in position order, up to a limit: `$1`, `$2`, `$3`. */
const AFTER = 'from events where scope = $1 and position > $2 order by position limit $3';

/**
 * The event's JSON text, built from its columns without parsing its data and metadata: exactly
 * `JSON.stringify(serverEventOf(row))`. The keys go in `serverEventOf`'s order, and the stored
 * texts are `JSON.stringify`'s own output (`append` writes them; `json` keeps text as written),
 * which parsing and stringifying again gives back unchanged.
 */
const eventJsonOf = (row: EventRow & { schema_version: number }): EventJson => {
  const position = Number(row.position);
  const head = `{"id":${JSON.stringify(row.id)},"stream":${JSON.stringify(row.stream)},"version":${row.version}`;
  return {
    position,
    type: row.type,
    schemaVersion: row.schema_version,
    json: `${head},"position":${position},"type":${JSON.stringify(row.type)},"data":${row.data},"metadata":${row.metadata}}`,
  };
};

/**
 * The sync server's storage in SQL (Postgres or PGlite), its schema brought up to date first.
 *
 * Positions count per scope from the scope's row in `scopes`, locked (`for update`) by the push's
 * transaction until it commits: pushes to one scope take turns, so a higher position never
 * commits before a lower one, and a reader pulling `position > cursor` never skips an event (a
 * sequence would let it: a value taken later can commit sooner). Pushes to other scopes lock other
 * rows and run beside it. After commit the new head is announced on `logbook_heads`; every
 * instance listens there and hands it to its watchers.
 */
export async function sqlStorage(client: SqlClient): Promise<SyncStorage> {
  try {
    return await openedStorage(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

async function openedStorage(client: SqlClient): Promise<SyncStorage> {
  await migrate(client);
  const watchers = headWatchers();
  const sender = coalescedHeadSender((scope, head) =>
    client.notify(HEADS_CHANNEL, headPayload(scope, head)),
  );
  /** After a lost LISTEN connection: the heads whose notices it may have missed. */
  const catchUp = async () => {
    const rows = await client.query<{ scope: string; head: number | string }>(
      'select scope, head from scopes where head > 0',
    );
    for (const row of rows) watchers.deliver(row.scope, Number(row.head));
  };
  const unlisten = await client.listen(
    HEADS_CHANNEL,
    (payload) => {
      const notice = parseHeadPayload(payload);
      if (notice) watchers.deliver(notice.scope, notice.head);
    },
    () => void catchUp().catch(() => undefined),
  );

  return {
    async exclusive(scope, work) {
      const { result, head, moved } = await client.transaction(async (tx) => {
        await tx.query('insert into scopes (scope) values ($1) on conflict do nothing', [scope]);
        const [row] = await tx.query<{ head: number | string }>(
          'select head from scopes where scope = $1 for update',
          [scope],
        );
        const start = Number(row?.head ?? 0);
        const transaction = scopeTransaction(tx, scope, start);
        const result = await work(transaction);
        const head = transaction.head();
        if (head !== start) {
          await tx.query('update scopes set head = $2 where scope = $1', [scope, head]);
        }
        return { result, head, moved: head !== start };
      });
      if (moved) sender.announce(scope, head);
      return result;
    },
    async readAfter(scope, position, limit) {
      const rows = await client.query<EventRow>(`select ${EVENT_COLUMNS} ${AFTER}`, [
        scope,
        position,
        limit,
      ]);
      return rows.map(serverEventOf);
    },
    async readJsonAfter(scope, position, limit) {
      const rows = await client.query<EventRow & { schema_version: number }>(
        `select ${EVENT_COLUMNS}, (metadata->>'schemaVersion')::int as schema_version ${AFTER}`,
        [scope, position, limit],
      );
      return rows.map(eventJsonOf);
    },
    async head(scope) {
      const [row] = await client.query<{ head: number | string }>(
        'select head from scopes where scope = $1',
        [scope],
      );
      return Number(row?.head ?? 0);
    },
    watch(listener) {
      return watchers.add(listener);
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await sender.flushed();
      await unlisten().catch(() => undefined);
      await client.close();
    },
  };
}

/** One push's view of its scope, whose row it holds locked: `head` is where its appends got to. */
function scopeTransaction(tx: SqlQueries, scope: string, start: number) {
  let head = start;
  const transaction: SyncStorageTransaction & { head(): number } = {
    head: () => head,
    async streamHead(stream) {
      const [row] = await tx.query<{ scope: string; version: number }>(
        'select scope, version from streams where stream = $1',
        [stream],
      );
      return row ? { scope: row.scope, version: row.version } : null;
    },
    async eventsById(ids) {
      const rows = await tx.query<EventRow>(
        `select ${EVENT_COLUMNS} from events
         join unnest($1::text[]) with ordinality as wanted (id, n) using (id) order by n`,
        [ids],
      );
      return rows.map((row): StoredEvent => ({ ...serverEventOf(row), scope: row.scope }));
    },
    async append(events) {
      if (events.length === 0) return [];
      await assertContinuesStreams(tx, scope, events);
      const stored = events.map((event, index) => ({ ...event, position: head + index + 1 }));
      await takenAsConcurrentPush(() =>
        tx.query(
          `insert into events (scope, position, id, stream, version, type, data, metadata)
         select $1, e.position, e.id, e.stream, e.version, e.type, e.data::json, e.metadata::json
         from unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
           as e (position, id, stream, version, type, data, metadata)`,
          [
            scope,
            stored.map((e) => e.position),
            stored.map((e) => e.id),
            stored.map((e) => e.stream),
            stored.map((e) => e.version),
            stored.map((e) => e.type),
            stored.map((e) => JSON.stringify(e.data)),
            stored.map((e) => JSON.stringify(e.metadata)),
          ],
        ),
      );
      const versions = new Map(stored.map((e) => [e.stream, e.version]));
      await tx.query(
        `insert into streams (stream, scope, version)
         select s.stream, $1, s.version from unnest($2::text[], $3::int[]) as s (stream, version)
         on conflict (stream) do update set version = excluded.version`,
        [scope, [...versions.keys()], [...versions.values()]],
      );
      head += stored.length;
      return stored;
    },
    async deviceOwner(clientId) {
      const [row] = await tx.query<{ sub: string }>(
        'select sub from devices where client_id = $1',
        [clientId],
      );
      return row?.sub ?? null;
    },
    async claimDevice(clientId, sub) {
      // The row's owner after this statement, locked until commit: the first claim wins.
      const [row] = await tx.query<{ sub: string }>(
        `insert into devices (client_id, sub) values ($1, $2)
         on conflict (client_id) do update set sub = devices.sub returning sub`,
        [clientId, sub],
      );
      if (row?.sub !== sub) {
        throw new ForbiddenError({
          sub,
          scope: null,
          reason: `device ${clientId} is another user's`,
        });
      }
    },
  };
  return transaction;
}

/** Postgres's SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Runs the insert of a push's events, turning a unique violation into `ConcurrentPushError`: the
 * scope's lock keeps its own pushes apart, so the stream version or event id was stored by a push
 * into another scope that committed after this one planned.
 */
async function takenAsConcurrentPush<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    const { code, constraint_name } = error as { code?: unknown; constraint_name?: unknown };
    if (code !== UNIQUE_VIOLATION) throw error;
    throw new ConcurrentPushError({ constraint: String(constraint_name ?? 'unique') });
  }
}

/**
 * Each event must be its stream's next version, and a stream stays in the scope of its first
 * event: never two events at one version, nor a gap (the server checked; this holds the storage
 * to it whatever calls it).
 */
async function assertContinuesStreams(
  tx: SqlQueries,
  scope: string,
  events: readonly Omit<ServerEvent, 'position'>[],
) {
  const streams = [...new Set(events.map((event) => event.stream))];
  const rows = await tx.query<{ stream: string; scope: string; version: number }>(
    'select stream, scope, version from streams where stream = any($1::text[])',
    [streams],
  );
  for (const row of rows) {
    if (row.scope !== scope) {
      throw new Error(
        `Cannot store events of ${row.stream} in scope ${scope}: it is in ${row.scope}`,
      );
    }
  }
  const versions = new Map(rows.map((row) => [row.stream, row.version]));
  for (const event of events) {
    const version = versions.get(event.stream) ?? 0;
    if (event.version !== version + 1) {
      throw new Error(`Cannot store version ${event.version} of ${event.stream}, at ${version}`);
    }
    versions.set(event.stream, event.version);
  }
}
