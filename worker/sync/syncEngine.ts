import pRetry, { AbortError } from 'p-retry';
import type { SyncableStore, SyncStatus } from '../../src/core/store';
import { pullNew } from './pullNew';
import { pushPending } from './pushPending';
import { SyncHttpError, type SyncTransport } from './syncHttp';

export interface SyncEngineOptions extends SyncTransport {
  store: SyncableStore & { clientId: string };
  /** Events per push and per pull page. */
  batchSize?: number;
  /** Quick retries within one sync, for passing faults (exponential with jitter). */
  retry?: { retries: number; minTimeout: number; maxTimeout: number };
  /** After a failed sync, the next one waits `minDelay * 2^failures` (up to `maxDelay`), with jitter. */
  backoff?: { minDelay: number; maxDelay: number };
  /** How long to wait after a local change before syncing, so a burst of commands is one sync. */
  debounceMs?: number;
  /** Sync this often in the background; 0 turns it off. */
  intervalMs?: number;
  /** Which tab syncs, as reported in the status. */
  leader?: string;
}

export interface SyncEngine {
  /** Syncs now; resolves when done. A call during a sync runs one more sync right after it. */
  syncNow(): Promise<void>;
  /** Syncs shortly (after `debounceMs`): call it after local changes. */
  schedule(): void;
  /** Syncs now, then on `online`, after local changes and every `intervalMs`. */
  start(): void;
  stop(): void;
}

/** How many push, pull and rebase rounds one sync may take before it leaves the rest for later. */
const MAX_ROUNDS = 10;

/**
 * Exchanges events with the server: pull (and rebase pending work on what arrived), push pending
 * events, and when the server has moved a stream, pull and push again. Talks to the store only
 * through its sync API; reports its state through the store, so every tab sees it.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, batchSize = 200, debounceMs = 150, intervalMs = 30_000 } = options;
  const retry = options.retry ?? { retries: 2, minTimeout: 200, maxTimeout: 2_000 };
  const backoff = options.backoff ?? { minDelay: 1_000, maxDelay: 60_000 };
  let failures = 0;
  let started = false;
  let retryLater: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let lastSyncAt: number | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let interval: ReturnType<typeof setInterval> | undefined;

  const report = (state: SyncStatus['state'], lastError: string | null = null) =>
    store.recordSyncStatus({ state, lastSyncAt, lastError, leader: options.leader ?? null });

  const syncOnce = async () => {
    await pullNew(store, options, batchSize);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pushed = await pushPending(store, options, batchSize);
      if (!pushed.conflict && !pushed.more) break;
      if (pushed.conflict) await pullNew(store, options, batchSize);
    }
    await pullNew(store, options, batchSize);
  };

  const attempt = async () => {
    try {
      await syncOnce();
    } catch (error) {
      if (error instanceof SyncHttpError && error.status < 500) throw new AbortError(error);
      throw error;
    }
  };

  /** Tries again later, waiting longer after each failure in a row (with jitter). */
  const scheduleRetry = () => {
    const delay =
      Math.min(backoff.maxDelay, backoff.minDelay * 2 ** failures) * (0.5 + Math.random());
    failures += 1;
    clearTimeout(retryLater);
    if (started) retryLater = setTimeout(() => void syncNow(), delay);
  };

  const run = async () => {
    lastSyncAt ??= (await store.syncSummary()).status.lastSyncAt;
    await report('syncing');
    try {
      await pRetry(attempt, { ...retry, factor: 2, randomize: true });
      failures = 0;
      lastSyncAt = Date.now();
      await report('idle');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await report(error instanceof TypeError ? 'offline' : 'error', message);
      scheduleRetry();
    }
  };

  const syncNow = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const onOnline = () => void syncNow();

  return {
    syncNow,
    schedule() {
      clearTimeout(debounce);
      debounce = setTimeout(() => void syncNow(), debounceMs);
    },
    start() {
      started = true;
      globalThis.addEventListener?.('online', onOnline);
      if (intervalMs > 0) interval = setInterval(() => void syncNow(), intervalMs);
      void syncNow();
    },
    stop() {
      started = false;
      globalThis.removeEventListener?.('online', onOnline);
      clearTimeout(retryLater);
      clearTimeout(debounce);
      clearInterval(interval);
    },
  };
}
