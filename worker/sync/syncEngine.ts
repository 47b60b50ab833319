import pRetry from 'p-retry';
import { SyncNetworkError } from '../../src/core/errors';
import type { SyncableStore, SyncReport, SyncStatus } from '../../src/core/store';
import { type Backoff, backoffDelay } from './backoffDelay';
import type { ScopeOf } from './cutPush';
import { liveNotices } from './liveNotices';
import { pullNew } from './pullNew';
import { pushPending } from './pushPending';
import { isRefused, mayPass } from './syncFailures';
import type { SyncTransport } from './syncHttp';

export interface SyncEngineOptions extends SyncTransport {
  store: SyncableStore & { clientId: string };
  /** Which scope a stream belongs to (`Domain.scopeOf`): pending work of another is rejected. */
  scopeOf?: ScopeOf;
  /** Events per push and per pull page. */
  batchSize?: number;
  /** Quick retries within one sync, for passing faults (exponential with jitter). */
  retry?: { retries: number; minTimeout: number; maxTimeout: number };
  /**
   * After a failed sync, the next one waits `minDelay * 2^failures` (up to `maxDelay`), with
   * jitter; so does reconnecting the live stream after it ends or fails.
   */
  backoff?: Backoff;
  /** How long to wait after a local change before syncing, so a burst of commands is one sync. */
  debounceMs?: number;
  /** Sync this long after the last sync that went well; 0 turns it off. */
  intervalMs?: number;
  /** The same, while the live stream is up (it says when to pull); `intervalMs` when it is down. */
  liveIntervalMs?: number;
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
  /**
   * Syncs now, then on `online`, after local changes, when the server's live stream announces
   * events this device has not pulled, every `intervalMs` (`liveIntervalMs` while the stream is
   * up), and after failures.
   */
  start(): void;
  stop(): void;
}

/** How many push, pull and rebase rounds one sync may take before it leaves the rest for later. */
const MAX_ROUNDS = 10;

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
  const { liveIntervalMs = 10 * intervalMs } = options;
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
  let nextSyncAt: number | null = null;
  /** When `later` is the periodic sync, when it is due; null otherwise. */
  let periodicAt: number | null = null;
  let liveUp = false;
  /** The newest head the live stream announced. */
  let heardHead = 0;

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

  /** A report between syncs, while started; the store may be closing, which is no failure. */
  const reportAside = (...status: Parameters<typeof report>) => {
    if (started) report(...status).catch(() => undefined);
  };

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
    periodicAt = null;
    nextSyncAt = !started || delay === null ? null : Date.now() + delay;
    if (nextSyncAt !== null) later = setTimeout(inBackground, delay ?? 0);
    return nextSyncAt;
  };

  /** Arms the periodic sync: rare while the live stream is up, as it says when to pull. */
  const syncPeriodically = (): number | null => {
    periodicAt = syncLater(intervalMs > 0 ? (liveUp ? liveIntervalMs : intervalMs) : null);
    return periodicAt;
  };

  /** The wait before trying again, longer after each failure in a row (with jitter). */
  const backingOff = () => backoffDelay(backoff, failures++);

  /** Syncs soon if the live stream announced events past this device's pull cursor. */
  const pullIfBehind = () =>
    store.pullCursor().then(
      (cursor) => started && heardHead > cursor && schedule(),
      () => undefined,
    );

  const live = liveNotices({
    transport: options,
    backoff,
    onHead(head) {
      heardHead = Math.max(heardHead, head);
      // During a sync, the notice may be of this device's own push, its cursor not moved yet:
      // the sync's end looks again.
      if (!running) void pullIfBehind();
    },
    onConnection(up) {
      liveUp = up;
      const rare = periodicAt !== null && periodicAt - Date.now() > intervalMs;
      if (!up && !running && rare) reportAside('idle', null, syncPeriodically());
    },
    onRefused(error) {
      reportAside('error', error.message, nextSyncAt);
    },
  });

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
      await report('idle', null, syncPeriodically());
      void pullIfBehind();
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

  function schedule() {
    clearTimeout(debounce);
    debounce = setTimeout(inBackground, debounceMs);
  }

  return {
    syncNow,
    schedule,
    start() {
      started = true;
      globalThis.addEventListener?.('online', inBackground);
      inBackground();
      live.start();
    },
    stop() {
      started = false;
      globalThis.removeEventListener?.('online', inBackground);
      live.stop();
      syncLater(null);
      clearTimeout(debounce);
    },
  };
}
