import { cp, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { newDataDir, startServerProcess } from '../../serverProcess';

/** The production build `vite build` wrote, which `npm start` serves. */
const APP_DIR = resolve(import.meta.dirname, '../../../dist');

/**
 * A data dir holding an empty database, for servers to start on copies of: embedded Postgres
 * takes several seconds to create one, a copy a fraction of that.
 */
export async function createEmptyDataDir(): Promise<string> {
  const server = await startServerProcess();
  await server.stop();
  return server.dataDir;
}

/** The real server process serving the built app and the sync API on one port, as `npm start` does. */
export interface LiveServer {
  /** Where the app and the API are, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Stops the process (SIGTERM, as Ctrl-C) and starts a new one on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops the process and deletes its data dir. */
  stop(): Promise<void>;
}

/**
 * Starts `tsx src/demo/server.ts --app` (what `npm start` runs after building) on a free port and
 * a fresh copy of `emptyDataDir`, development tokens on; the built app in `dist/` is what it serves.
 */
export async function startLiveServer(emptyDataDir: string): Promise<LiveServer> {
  const dataDir = await newDataDir();
  await cp(emptyDataDir, dataDir, { recursive: true });
  const start = (env: Record<string, string> = {}) =>
    startServerProcess(
      {
        LOGBOOK_STATIC_DIR: APP_DIR,
        LOGBOOK_DATA_DIR: dataDir,
        // Stopping waits for open connections, and browsers keep theirs busy asking to reconnect
        // (each answered 503 while the server closes): a second, not the 10 s default.
        LOGBOOK_SHUTDOWN_TIMEOUT_MS: '1000',
        ...env,
      },
      ['--app'],
    );
  let running = await start();
  const { url } = running;
  return {
    url,
    async restart() {
      await running.stop();
      running = await start({ PORT: new URL(url).port });
    },
    async stop() {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
