import pRetry from 'p-retry';
import { SyncHttpError, SyncNetworkError } from '../../src/core/errors';
import type { SyncableStore, SyncReport, SyncStatus } from '../../src/core/store';
import type { ScopeOf } from './cutPush';
import { pullNew } from './pullNew';
import { pushPending } from './pushPending';
import type { SyncTransport } from './syncHttp';

export interface SyncEngineOptions extends SyncTransport {
  store: SyncableStore & { clientId: string };
  /** Which scope a stream belongs to (`Domain.scopeOf`): pending work of another is rejected. */
  scopeOf?: ScopeOf;
  /** Events per push and per pull page. */
  batchSize?: number;
  /** Quick retries within one sync, for passing faults (exponential with jitter). */
  retry?: { retries: number; minTimeout: number; maxTimeout: number };
  /** After a failed sync, the next one waits `minDelay * 2^failures` (up to `maxDelay`), with jitter. */
  backoff?: { minDelay: number; maxDelay: number };
  /** How long to wait after a local change before syncing, so a burst of commands is one sync. */
  debounceMs?: number;
  /** Sync this long after the last sync that went well; 0 turns it off. */
  intervalMs?: number;
  /** Which tab syncs, as reported in the status. */
  leader?: string;
}

export interface SyncEngine {
  /**
   * Syncs now; resolves with what it did, or rejects with why it failed (also recorded in the
   * status). A call during a sync runs one more sync right after it, and answers for both.
   */
  syncNow(): Promise<SyncReport>;
  /** Syncs shortly (after `debounceMs`): call it after local changes. */
  schedule(): void;
  /** Syncs now, then on `online`, after local changes, every `intervalMs`, and after failures. */
  start(): void;
  stop(): void;
}

/** How many push, pull and rebase rounds one sync may take before it leaves the rest for later. */
const MAX_ROUNDS = 10;

/** A failure that may pass by itself: no network, or the server failing (5xx). */
const mayPass = (error: unknown) =>
  error instanceof SyncNetworkError || (error instanceof SyncHttpError && error.status >= 500);

/** The server refused the request itself (4xx): sent again unchanged, it is refused again. */
const isRefused = (error: unknown) =>
  error instanceof SyncHttpError && error.status >= 400 && error.status < 500;

const nothingDone = (): SyncReport => ({ pushed: 0, pulled: 0, rebased: 0, rejected: [] });

function combined(a: SyncReport, b: SyncReport): SyncReport {
  return {
    pushed: a.pushed + b.pushed,
    pulled: a.pulled + b.pulled,
    rebased: a.rebased + b.rebased,
    rejected: [...a.rejected, ...b.rejected],
  };
}

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
  let running: Promise<SyncReport> | null = null;
  let again = false;
  let lastSyncAt: number | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  /** The engine's own next sync: periodic after a success, backing off after a failure. */
  let later: ReturnType<typeof setTimeout> | undefined;

  const report = (
    state: SyncStatus['state'],
    lastError: string | null = null,
    nextSyncAt: number | null = null,
  ) =>
    store.recordSyncStatus({
      state,
      lastSyncAt,
      lastError,
      leader: options.leader ?? null,
      nextSyncAt,
    });

  const syncOnce = async (): Promise<SyncReport> => {
    const done = nothingDone();
    const pull = async () => {
      const pulled = await pullNew(store, options, batchSize);
      done.pulled += pulled.received;
      done.rebased += pulled.rebased;
      done.rejected.push(...pulled.rejected);
    };
    await pull();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pushed = await pushPending(store, options, batchSize, options.scopeOf);
      done.pushed += pushed.pushed;
      done.rejected.push(...pushed.rejected);
      if (!pushed.conflict && !pushed.more) break;
      if (pushed.conflict) await pull();
    }
    await pull();
    return done;
  };

  /** Arms the engine's own next sync after `delay` (none for null); returns when it will be. */
  const syncLater = (delay: number | null): number | null => {
    clearTimeout(later);
    if (!started || delay === null) return null;
    later = setTimeout(inBackground, delay);
    return Date.now() + delay;
  };

  /** The wait before trying again, longer after each failure in a row (with jitter). */
  const backingOff = () => {
    const delay =
      Math.min(backoff.maxDelay, backoff.minDelay * 2 ** failures) * (0.5 + Math.random());
    failures += 1;
    return delay;
  };

  const run = async (): Promise<SyncReport> => {
    clearTimeout(later);
    lastSyncAt ??= (await store.syncSummary()).status.lastSyncAt;
    await report('syncing');
    try {
      const done = await pRetry(syncOnce, {
        ...retry,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => mayPass(error),
      });
      failures = 0;
      lastSyncAt = Date.now();
      await report('idle', null, syncLater(intervalMs > 0 ? intervalMs : null));
      return done;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const next = syncLater(isRefused(error) ? null : backingOff());
      await report(error instanceof SyncNetworkError ? 'offline' : 'error', message, next);
      throw error;
    }
  };

  /** Runs syncs until no call asked for another during the last; fails if the last failed. */
  const runWhileAsked = async (): Promise<SyncReport> => {
    let done = nothingDone();
    do {
      again = false;
      try {
        done = combined(done, await run());
      } catch (error) {
        if (!again) throw error;
      }
    } while (again);
    return done;
  };

  const syncNow = (): Promise<SyncReport> => {
    if (running) {
      again = true;
      return running;
    }
    running = runWhileAsked().finally(() => {
      running = null;
    });
    return running;
  };

  /** A sync nobody waits for: its outcome is in the status, so its failure is not thrown. */
  function inBackground() {
    syncNow().catch(() => undefined);
  }

  return {
    syncNow,
    schedule() {
      clearTimeout(debounce);
      debounce = setTimeout(inBackground, debounceMs);
    },
    start() {
      started = true;
      globalThis.addEventListener?.('online', inBackground);
      inBackground();
    },
    stop() {
      started = false;
      globalThis.removeEventListener?.('online', inBackground);
      clearTimeout(later);
      clearTimeout(debounce);
    },
  };
}
