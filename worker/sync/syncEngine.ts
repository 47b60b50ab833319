import { messageOf } from '../../src/core/errors';
import type { SyncableStore, SyncReport, SyncStatus } from '../../src/core/store';
import { DEFAULT_SCOPE } from '../../src/core/syncProtocol';
import type { TokenFunction } from '../../src/transport/syncOptions';
import { type Backoff, backoffDelay, type Retries, retryWithBackoff } from './backoffDelay';
import { type LiveNotices, liveNotices } from './liveNotices';
import { pullNew } from './pullNew';
import { pushPending } from './pushPending';
import type { Routes, ScopeOf } from './routeCommand';
import { isRefused, mayPass, refusesAccess, stateAfter, worstOf } from './syncFailures';
import type { SyncTransport } from './syncHttp';
import { tokenSource } from './tokenSource';

export interface SyncEngineOptions {
  store: SyncableStore & { clientId: string };
  fetch: typeof fetch;
  /** Where the sync endpoints live, e.g. `https://api.example.com`. */
  url: string;
  /** The scopes this device syncs (default: `DEFAULT_SCOPE` alone). */
  scopes?: readonly string[];
  /** Gives the token to send; asked again after a 401 (see `SyncOptions.token`). */
  token?: TokenFunction;
  /** Which scope a stream belongs to (`Domain.scopeOf`): pending work goes to its scope. */
  scopeOf?: ScopeOf;
  /** Events per push and per pull page. */
  batchSize?: number;
  /** Quick retries within one sync, for passing faults (exponential with jitter). */
  retry?: Retries;
  /**
   * After a failed sync, the next one waits `minDelay * 2^failures` (up to `maxDelay`), with
   * jitter; so does reconnecting a live stream after it ends or fails.
   */
  backoff?: Backoff;
  /**
   * The least time between the starts of two syncs for local changes: a change syncs at once
   * unless one started less than this ago (then it waits for the rest), and changes made during
   * a sync are pushed by one sync right after it. So a burst of commands is a few pushes.
   */
  debounceMs?: number;
  /** Sync this long after the last sync, while a scope's live stream is down; 0 turns it off. */
  intervalMs?: number;
  /** The same while every live stream is up (they say when to pull). */
  liveIntervalMs?: number;
  /** Which tab syncs, as reported in the status. */
  leader?: string;
}

export interface SyncEngine {
  /**
   * Syncs every scope now, those refused too; resolves with what it did, or rejects with the
   * worst failure of a scope (also recorded in the status). A call during a sync runs one more
   * sync right after it, and answers for both.
   */
  syncNow(): Promise<SyncReport>;
  /** Syncs soon (see `debounceMs`): call it after local changes. */
  schedule(): void;
  /**
   * Syncs now, then on `online`, after local changes, when a scope's live stream announces
   * events this device has not pulled, every `intervalMs` (`liveIntervalMs` while the streams
   * are up), and after failures.
   */
  start(): void;
  stop(): void;
}

/**
 * Why a sync of a scope runs, which says whether it tries a refused scope: the engine's own
 * (`OWN`: timers, live notices) never tries one refused for its request (4xx), a local change
 * (`CHANGE`) does (it may be a new request), `syncNow()`, `start()` and `online` (`ASKED`) try
 * every scope. A scope refused access (401 with a new token, 403) is tried again once the token
 * function gives a new token.
 */
const OWN = 0;
const CHANGE = 1;
const ASKED = 2;
/** `OWN`, `CHANGE` or `ASKED`: a stronger trigger tries more, so a larger number wins. */
type Trigger = number;

/** One scope's part of the engine. */
interface ScopeSync {
  transport: SyncTransport;
  live: LiveNotices;
  liveUp: boolean;
  /** The newest head its live stream announced. */
  heardHead: number;
  /** Why its last sync failed; null once one went well. */
  failure: unknown;
  /** It was refused (4xx): `access` with the token refused, a 401 or a 403. */
  refusal: { access: boolean; token: string | undefined } | null;
  /** Its live stream was refused access: listen again once a sync of it goes well. */
  relisten: boolean;
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
 * Exchanges events with the server, scope by scope: pull (and rebase pending work on what
 * arrived), push the pending events of the scope, and when the server has moved a stream, pull
 * and push again. A scope that fails never stops the others. Talks to the store only through its
 * sync API; reports its state through the store, so every tab sees it.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, batchSize = 200, debounceMs = 50, intervalMs = 30_000 } = options;
  const { liveIntervalMs = 10 * intervalMs } = options;
  const retry = options.retry ?? { retries: 2, minTimeout: 200, maxTimeout: 2_000 };
  const backoff = options.backoff ?? { minDelay: 1_000, maxDelay: 60_000 };
  const routes: Routes = { scopes: options.scopes ?? [DEFAULT_SCOPE], scopeOf: options.scopeOf };
  const tokens = options.token ? tokenSource(options.token) : undefined;
  let failures = 0;
  let started = false;
  let running: Promise<SyncReport> | null = null;
  /** Scopes asked for during the running sync, each with its strongest trigger. */
  let asked = new Map<ScopeSync, Trigger>();
  let lastSyncAt: number | null = null;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  /** The engine's own next sync: periodic after a success, backing off after a failure. */
  let later: ReturnType<typeof setTimeout> | undefined;
  let nextSyncAt: number | null = null;
  /** When `later` is the periodic sync, when it is due; null otherwise. */
  let periodicAt: number | null = null;

  const report = (
    state: SyncStatus['state'],
    lastError: string | null,
    nextSyncAt: number | null,
  ) =>
    store.recordSyncStatus({
      state,
      lastSyncAt,
      lastError,
      leader: options.leader ?? null,
      nextSyncAt,
    });

  /** Reports the worst failure among the scopes, or idle when none is failing. */
  const reportScopes = (next: number | null) => {
    const worst = worstOf(
      scopes.map(({ failure }) => failure).filter((failure) => failure !== null),
    );
    return worst === undefined
      ? report('idle', null, next)
      : report(stateAfter(worst), messageOf(worst), next);
  };

  /** A report between syncs, while started; the store may be closing, which is no failure. */
  const reportAside = (next: number | null) => {
    if (started) reportScopes(next).catch(() => undefined);
  };

  const scopes: ScopeSync[] = routes.scopes.map((scope) => {
    const transport = { fetch: options.fetch, url: options.url, scope, tokens };
    const sync: ScopeSync = {
      transport,
      liveUp: false,
      heardHead: 0,
      failure: null,
      refusal: null,
      relisten: false,
      live: liveNotices({
        transport,
        backoff,
        onHead(head) {
          sync.heardHead = Math.max(sync.heardHead, head);
          // During a sync, the notice may be of this device's own push, its cursor not moved
          // yet: the sync's end looks again.
          if (!running) void pullIfBehind(sync);
        },
        onConnection(up) {
          sync.liveUp = up;
          const rare = periodicAt !== null && periodicAt - Date.now() > intervalMs;
          if (!up && !running && rare) reportAside(syncPeriodically());
        },
        onRefused(error) {
          if (!refusesAccess(error)) {
            console.warn('Logbook polls scope', scope, error);
            return;
          }
          sync.failure = error;
          sync.refusal = { access: true, token: tokens?.lastGiven() };
          sync.relisten = true;
          reportAside(nextSyncAt);
        },
      }),
    };
    return sync;
  });

  const syncScope = async ({ transport }: ScopeSync): Promise<SyncReport> => {
    const done = nothingDone();
    const pull = () => pullNew(store, transport, batchSize, done);
    await pull();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pushed = await pushPending(store, transport, batchSize, routes);
      done.pushed += pushed.pushed;
      done.rejected.push(...pushed.rejected);
      if (!pushed.conflict && !pushed.more) break;
      if (pushed.conflict) await pull();
    }
    await pull();
    return done;
  };

  /** Whether `trigger` leaves a refused scope alone: nothing changed since it was refused. */
  const stillRefused = async ({ refusal }: ScopeSync, trigger: Trigger): Promise<boolean> => {
    if (!refusal || trigger === ASKED) return false;
    if (!refusal.access) return trigger === OWN;
    return !tokens || (await tokens.renew(refusal.token ?? '')) === refusal.token;
  };

  /**
   * Syncs one scope, unless `trigger` leaves it alone; its failure is kept on it, and added to
   * `failed`. Null when it did not sync.
   */
  const syncScopeFor = async (
    sync: ScopeSync,
    trigger: Trigger,
    failed: unknown[],
  ): Promise<SyncReport | null> => {
    try {
      if (await stillRefused(sync, trigger)) return null;
      const done = await retryWithBackoff(() => syncScope(sync), retry, mayPass);
      sync.failure = sync.refusal = null;
      if (sync.relisten && started) sync.live.start();
      sync.relisten = false;
      return done;
    } catch (error) {
      sync.failure = error;
      sync.refusal =
        isRefused(error) && error.status !== 429
          ? { access: refusesAccess(error), token: tokens?.lastGiven() }
          : null;
      failed.push(error);
      return null;
    }
  };

  /** Arms the engine's own next sync after `delay` (none for null); returns when it will be. */
  const syncLater = (delay: number | null): number | null => {
    clearTimeout(later);
    periodicAt = null;
    nextSyncAt = !started || delay === null ? null : Date.now() + delay;
    if (nextSyncAt !== null) later = setTimeout(() => inBackground(OWN), delay ?? 0);
    return nextSyncAt;
  };

  /**
   * Arms the periodic sync: rare while every live stream is up, as they say when to pull; none
   * when every scope waits for a new request (refused for its own) or for a token none can give.
   */
  const syncPeriodically = (): number | null => {
    const timed = scopes.filter(({ refusal }) => !refusal || (refusal.access && tokens));
    const delay = timed.every(({ liveUp }) => liveUp) ? liveIntervalMs : intervalMs;
    periodicAt = syncLater(intervalMs > 0 && timed.length > 0 ? delay : null);
    return periodicAt;
  };

  /** Pulls `sync`'s scope at once if its live stream announced events past its cursor. */
  const pullIfBehind = (sync: ScopeSync) =>
    store.pullCursor(sync.transport.scope).then(
      (cursor) => started && sync.heardHead > cursor && inBackground(OWN, [sync]),
      () => undefined,
    );

  const run = async (request: ReadonlyMap<ScopeSync, Trigger>): Promise<SyncReport> => {
    clearTimeout(later);
    lastStartAt = Date.now();
    lastSyncAt ??= (await store.syncSummary()).status.lastSyncAt;
    await report('syncing', null, null);
    let done = nothingDone();
    const failed: unknown[] = [];
    for (const [sync, trigger] of request) {
      const synced = await syncScopeFor(sync, trigger, failed);
      if (synced) done = combined(done, synced);
    }
    if (failed.length === 0) {
      failures = 0;
      lastSyncAt = Date.now();
    }
    const next = failed.some(mayPass)
      ? syncLater(backoffDelay(backoff, failures++))
      : syncPeriodically();
    await reportScopes(next);
    for (const sync of scopes) if (sync.failure === null) void pullIfBehind(sync);
    const worst = worstOf(failed);
    if (worst !== undefined) throw worst;
    return done;
  };

  /** Waits until `debounceMs` after the last start when only local changes ask for a sync. */
  const spacedOut = async (request: ReadonlyMap<ScopeSync, Trigger>) => {
    const triggers = [...request.values()];
    const wait = lastStartAt + debounceMs - Date.now();
    if (wait > 0 && triggers.length > 0 && triggers.every((trigger) => trigger === CHANGE))
      await new Promise((waited) => setTimeout(waited, wait));
  };

  /** Runs syncs until no call asked for another during the last; fails if the last failed. */
  const runWhileAsked = async (first: ReadonlyMap<ScopeSync, Trigger>): Promise<SyncReport> => {
    let done = nothingDone();
    for (let request = first; request.size > 0; ) {
      asked = new Map();
      try {
        done = combined(done, await run(request));
      } catch (error) {
        if (asked.size === 0) throw error;
      }
      request = asked;
      await spacedOut(request);
    }
    return done;
  };

  /** Syncs the scopes of `of` (every scope by default) for `trigger`. */
  const syncFor = (trigger: Trigger, of: readonly ScopeSync[] = scopes): Promise<SyncReport> => {
    if (running) {
      for (const sync of of) asked.set(sync, Math.max(asked.get(sync) ?? OWN, trigger));
      return running;
    }
    running = runWhileAsked(new Map(of.map((sync) => [sync, trigger]))).finally(() => {
      running = null;
    });
    return running;
  };

  /** A sync nobody waits for: its outcome is in the status, so its failure is not thrown. */
  function inBackground(trigger: Trigger, of?: readonly ScopeSync[]) {
    syncFor(trigger, of).catch(() => undefined);
  }

  const online = () => inBackground(ASKED);

  return {
    syncNow: () => syncFor(ASKED),
    schedule() {
      if (running) return inBackground(CHANGE);
      if (debounce !== undefined) return;
      const wait = lastStartAt + debounceMs - Date.now();
      if (wait <= 0) return inBackground(CHANGE);
      debounce = setTimeout(() => {
        debounce = undefined;
        inBackground(CHANGE);
      }, wait);
    },
    start() {
      started = true;
      globalThis.addEventListener?.('online', online);
      online();
      for (const sync of scopes) sync.live.start();
    },
    stop() {
      started = false;
      globalThis.removeEventListener?.('online', online);
      for (const sync of scopes) sync.live.stop();
      syncLater(null);
      clearTimeout(debounce);
      debounce = undefined;
    },
  };
}
