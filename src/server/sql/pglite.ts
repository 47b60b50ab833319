import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SyncStorage } from '../syncStorage';
import type { SqlClient, SqlQueries } from './sqlClient';
import { sqlStorage } from './sqlStorage';

export { sqlStorage } from './sqlStorage';

export interface PgliteStorageOptions {
  /** Where the database lives on disk; in memory when absent. */
  dataDir?: string;
}

const queriesOf = (db: PGlite | Transaction): SqlQueries => ({
  async query<Row>(text: string, params: readonly unknown[] = []) {
    return (await db.query<Row>(text, [...params])).rows;
  },
});

/**
 * A PGlite database as the SQL storage's client (`sqlStorage(pgliteClient(db))`), for a PGlite
 * opened with options of your own. One connection, so its transactions take turns.
 */
export function pgliteClient(db: PGlite): SqlClient {
  return {
    ...queriesOf(db),
    transaction: (work) => db.transaction((tx) => work(queriesOf(tx))),
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return () => unlisten();
    },
    async notify(channel, payload) {
      await db.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => db.close(),
  };
}

/**
 * The sync server's storage in embedded Postgres (PGlite, in this process): nothing to install.
 * Its LISTEN/NOTIFY carries the heads to watchers.
 */
export async function pgliteStorage({ dataDir }: PgliteStorageOptions = {}): Promise<SyncStorage> {
  return sqlStorage(pgliteClient(await PGlite.create(dataDir)));
}
