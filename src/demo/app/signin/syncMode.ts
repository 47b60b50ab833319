import { SERVER_PATHS } from 'logbook';

/**
 * Where this page syncs: `server`, the real Logbook server that serves it (`npm start`), or
 * `mock`, the MSW mock server in this browser (`npm run dev`, `vite preview`); `off` for a device
 * opened with `?sync=off`, which never syncs.
 */
export type SyncMode = 'server' | 'mock' | 'off';

const REMEMBERED = 'logbook-demo-sync-mode';
const ASK_TIMEOUT_MS = 3_000;

/** The Logbook server answers its health check with JSON; a static server answers with the page. */
async function askOrigin(): Promise<SyncMode> {
  const response = await fetch(SERVER_PATHS.healthz, {
    cache: 'no-store',
    signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
  });
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  const body = isJson ? ((await response.json()) as { ok?: unknown }) : null;
  return response.ok && body?.ok === true ? 'server' : 'mock';
}

/**
 * Asks this page's origin, and remembers the answer, so a reload with no network (the production
 * build works offline) keeps the mode it had; with no answer and nothing remembered, the mock.
 */
export async function detectSyncMode(): Promise<SyncMode> {
  try {
    const mode = await askOrigin();
    localStorage.setItem(REMEMBERED, mode);
    return mode;
  } catch {
    return localStorage.getItem(REMEMBERED) === 'server' ? 'server' : 'mock';
  }
}
