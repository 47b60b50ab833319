import postgres from 'postgres';
import { StorageUnavailableError } from '../../core/errors';
import type { SyncStorage } from '../syncStorage';
import type { SqlClient, SqlQueries } from './sqlClient';
import { sqlStorage } from './sqlStorage';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections this instance opens at most (besides the one it listens on). */
  maxConnections?: number;
  /** How long a connection attempt may take before the storage counts as unreachable. */
  connectTimeoutSeconds?: number;
}

/** Node's socket errors and postgres.js's own, when the connection is lost or never made. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * The error's code when it says the database cannot be reached, rather than that a statement
 * failed: a connection error, or Postgres's SQLSTATE class 08 (connection exception), 57P01..57P03
 * (shut down, restarting, not accepting connections yet) or 53300 (too many connections).
 */
const unreachableCode = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const unreachable =
    CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$|^53300$/.test(code);
  return unreachable ? code : null;
};

/** Runs `call`, turning a lost or refused connection into `StorageUnavailableError`. */
async function reaching<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = unreachableCode(error);
    if (code === null) throw error;
    // The code only: the error's message names the database's host, which no answer may carry.
    throw new StorageUnavailableError({ reason: `Postgres cannot be reached (${code})` });
  }
}

const queriesOf = (sql: postgres.Sql | postgres.TransactionSql): SqlQueries => ({
  query: <Row>(text: string, params: readonly unknown[] = []) =>
    reaching(
      async () => (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as Row[],
    ),
});

/**
 * The sync server's storage in a Postgres server (postgres.js): many instances may share one
 * database. postgres.js reconnects as needed (each query opens a connection if there is none, and
 * its LISTEN connection comes back by itself), so the storage recovers when the database returns;
 * until then every call throws `StorageUnavailableError`.
 */
export async function postgresStorage({
  url,
  maxConnections = 10,
  connectTimeoutSeconds = 10,
}: PostgresStorageOptions): Promise<SyncStorage> {
  const sql = postgres(url, {
    max: maxConnections,
    connect_timeout: connectTimeoutSeconds,
    onnotice: () => undefined,
  });
  const client: SqlClient = {
    ...queriesOf(sql),
    transaction: (work) =>
      reaching(async () => (await sql.begin((tx) => work(queriesOf(tx)))) as never),
    async listen(channel, onPayload, onRelisten) {
      // postgres.js listens again by itself when its connection comes back, calling onlisten.
      let listened = false;
      const onListen = () => {
        if (listened) onRelisten();
        listened = true;
      };
      const { unlisten } = await reaching(() => sql.listen(channel, onPayload, onListen));
      return unlisten;
    },
    async notify(channel, payload) {
      await reaching(() => sql.notify(channel, payload));
    },
    close: () => sql.end({ timeout: 5 }),
  };
  return sqlStorage(client);
}
