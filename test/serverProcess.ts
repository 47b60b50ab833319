import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The script `npm run server` runs: the demo's domain on the published Node server. */
const SERVER_SCRIPT = resolve(import.meta.dirname, '../src/demo/server.ts');

export interface ServerProcess {
  url: string;
  /** Its data directory (embedded Postgres, the development secret). */
  dataDir: string;
  child: ChildProcess;
  /** Every JSON log line it wrote so far. */
  logs: Record<string, unknown>[];
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const newDataDir = () => mkdtemp(join(tmpdir(), 'logbook-server-'));

/**
 * Starts the real server in a process of its own, on a free loopback port, and resolves once it
 * listens (its `info` log line says where). `env` adds to (and overrides) a development-token
 * setup in a fresh data dir; `args` go to the script (`--app` also serves the built app, as
 * `npm start` does).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<ServerProcess> {
  const dataDir = env.LOGBOOK_DATA_DIR ?? (await newDataDir());
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, ...args], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOGBOOK_DATA_DIR: dataDir,
      LOGBOOK_DEV_TOKENS: '1',
      ...env,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const errors: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((listening, failed) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'Logbook sync server listening')
          listening(`http://127.0.0.1:${entry.port}`);
      } catch {
        errors.push(line);
      }
    });
    exited.then((code) =>
      failed(new Error(`The server exited (${code}) before listening: ${errors.join('\n')}`)),
    );
  });
  return {
    url,
    dataDir,
    child,
    logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A development token for `sub` with `scopes`, from the server's dev endpoint (12 h unless asked). */
export async function devToken(
  url: string,
  sub: string,
  scopes: string[],
  expiresInSeconds?: number,
): Promise<string> {
  const response = await fetch(`${url}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, scopes, expiresInSeconds }),
  });
  if (!response.ok) throw new Error(`No dev token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
