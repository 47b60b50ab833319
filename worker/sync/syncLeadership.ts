/**
 * Exactly one worker per database syncs: the one holding a Web Lock. When its tab closes or
 * crashes, the browser releases the lock and the next waiting tab takes over at once. Where there
 * are no Web Locks (Node), the caller leads alone. Returns a function that steps down (or stops
 * waiting).
 */
export function leadWhileHoldingLock(lockName: string, lead: () => () => void): () => void {
  const locks = globalThis.navigator?.locks;
  if (!locks) return lead();
  const waiting = new AbortController();
  let stepDown: (() => void) | undefined;
  let releaseLock: (() => void) | undefined;
  locks
    .request(lockName, { signal: waiting.signal }, () => {
      stepDown = lead();
      return new Promise<void>((resolve) => {
        releaseLock = resolve;
      });
    })
    .catch(() => undefined); // aborted while still waiting: nothing to release
  return () => {
    waiting.abort();
    stepDown?.();
    releaseLock?.();
  };
}
