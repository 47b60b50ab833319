import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shopDomain } from '../../src/demo/domain/shop';
import { configFromEnv, startServer } from '../../src/server/node';
import { syncServerOptionsOf } from '../../src/server/syncServer';

export interface BenchServer {
  url: string;
  /** Which storage it runs on, as the results name it. */
  storage: 'Postgres' | 'PGlite';
  close(): Promise<void>;
}

/**
 * The real sync server (`startServer`, the demo's rules) in this process on loopback: on a new
 * database of the Postgres at `LOGBOOK_TEST_DATABASE_URL` when set, else on embedded Postgres
 * (PGlite) in a temporary data directory. Development tokens on, no rate limit in the way.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'logbook-propagation-'));
  const database = process.env.LOGBOOK_TEST_DATABASE_URL
    ? await (await import('../../test/node/server/process/testDatabase')).createTestDatabase()
    : null;
  const config = configFromEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    LOGBOOK_DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    LOGBOOK_DEV_TOKENS: '1',
    LOGBOOK_REQUESTS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'error',
  });
  const server = await startServer(config, syncServerOptionsOf(shopDomain));
  return {
    url: server.url,
    storage: database ? 'Postgres' : 'PGlite',
    async close() {
      await server.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
