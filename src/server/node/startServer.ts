import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { jwtAuth } from '../app/auth';
import { createSyncApp } from '../app/createSyncApp';
import type { SyncServerOptions } from '../syncServer';
import type { SyncStorage } from '../syncStorage';
import type { ServerConfig } from './config';
import { lockDataDir } from './dataDirLock';
import { developmentSecret } from './devSecret';
import { withStaticFiles } from './staticFiles';

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /**
   * Stops taking connections, lets in-flight pushes finish, ends live streams, and closes the
   * storage. What SIGTERM does.
   */
  close(): Promise<void>;
}

/** A storage and what frees it. */
interface OpenStorage {
  storage: SyncStorage;
  release(): Promise<void>;
}

/**
 * Real Postgres when a URL is given, else embedded Postgres in the data directory, which this
 * process then holds (`lockDataDir`).
 */
async function openStorage(config: ServerConfig): Promise<OpenStorage> {
  if (config.databaseUrl) {
    const { postgresStorage } = await import('../sql/postgres');
    const storage = await postgresStorage({ url: config.databaseUrl });
    return { storage, release: () => storage.close() };
  }
  const unlock = await lockDataDir(config.dataDir);
  try {
    const { pgliteStorage } = await import('../sql/pglite');
    const storage = await pgliteStorage({ dataDir: config.dataDir });
    return {
      storage,
      release: async () => {
        await storage.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** Resolves after `ms`, or with `work` if it finishes first. */
const within = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * The sync server on Node: the same app the mock serves, over embedded or real Postgres, with
 * JSON logs. Give it the domain's rules (`syncServerOptionsOf(domain)`) to refuse malformed events.
 */
export async function startServer(
  config: ServerConfig,
  rules: SyncServerOptions = {},
): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
  const secret =
    config.jwt && 'secret' in config.jwt
      ? config.jwt.secret
      : await developmentSecret(config.dataDir);
  // Made (and its folder checked) before the storage opens, so a missing build has nothing to
  // release; it calls the app only once requests come, when `app` is there.
  const fetch = config.staticDir
    ? withStaticFiles((request) => app.fetch(request), config.staticDir)
    : (request: Request) => app.fetch(request);
  const { storage, release } = await openStorage(config);
  const app = createSyncApp({
    ...rules,
    storage,
    auth: jwtAuth({ ...(config.jwt ?? { secret }), ...config.jwtClaims }),
    ...(config.devTokens ? { devTokens: { secret, ...config.jwtClaims } } : {}),
    rateLimit: { requests: config.requestsPerMinute, perMs: 60_000 },
    heartbeatMs: config.heartbeatMs,
    logger,
  });
  // `serve` makes a plain HTTP server unless given another `createServer`.
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({ fetch, port: config.port, hostname: config.host }, () =>
      resolve(listening as Server),
    );
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info(
    {
      port,
      storage: config.databaseUrl ? 'postgres' : `pglite:${config.dataDir}`,
      devTokens: config.devTokens,
      staticDir: config.staticDir,
    },
    'Logbook sync server listening',
  );
  if (config.devTokens) {
    logger.warn(
      'Development tokens are on: anyone who reaches this server can get a token for any scope (POST /api/dev/token). Never in production.',
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Requests in flight finish; one that stalls (a body that never ends) is cut at the deadline.
        await within(
          app.close().then(() => stopped),
          config.shutdownTimeoutMs,
        );
        server.closeAllConnections();
        await stopped;
        await release();
        logger.info('Logbook sync server stopped');
      })();
      return closing;
    },
  };
}

/**
 * Starts the server and stops it cleanly on SIGTERM or SIGINT (then exits). A bad configuration
 * ends the process at once with one line saying what to fix.
 */
export async function runServer(
  start: () => Promise<RunningServer>,
): Promise<RunningServer | undefined> {
  let running: RunningServer;
  try {
    running = await start();
  } catch (error) {
    console.error(`Logbook sync server did not start: ${(error as Error).message}`);
    process.exitCode = 1;
    return undefined;
  }
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Logbook sync server failed to stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return running;
}
