/** The channel every instance on one database announces its scopes' new heads on. */
export const HEADS_CHANNEL = 'logbook_heads';

/** `<scope> <head>`: a scope name has no space (see `scopeName`). */
export const headPayload = (scope: string, head: number) => `${scope} ${head}`;

export function parseHeadPayload(payload: string): { scope: string; head: number } | null {
  const space = payload.lastIndexOf(' ');
  const head = Number(payload.slice(space + 1));
  return space > 0 && Number.isSafeInteger(head) ? { scope: payload.slice(0, space), head } : null;
}

/**
 * Sends heads after commit, coalesced: per scope at most one notice in flight, and while one is,
 * only the latest head waits behind it (those in between are dropped: a listener needs the last
 * one only). A notice that fails is dropped too: the database is gone, and a device that lost its
 * live stream pulls when it comes back.
 */
export function coalescedHeadSender(send: (scope: string, head: number) => Promise<void>) {
  const waiting = new Map<string, number>();
  const running = new Map<string, Promise<void>>();

  const sendUntilCaughtUp = async (scope: string, first: number) => {
    for (let head: number | undefined = first; head !== undefined; head = waiting.get(scope)) {
      waiting.delete(scope);
      await send(scope, head).catch(() => undefined);
    }
    running.delete(scope);
  };

  return {
    announce(scope: string, head: number) {
      if (running.has(scope)) {
        waiting.set(scope, Math.max(head, waiting.get(scope) ?? 0));
      } else {
        running.set(scope, sendUntilCaughtUp(scope, head));
      }
    },
    /** Resolves once every notice announced so far is sent (or dropped). */
    async flushed() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}

/**
 * The storage's watchers, handed every head it hears of. Notices from several instances may
 * arrive out of order, so a head not above the last one passed on for its scope is dropped:
 * watchers never see a scope's head go back.
 */
export function headWatchers() {
  const listeners = new Set<(scope: string, head: number) => void>();
  const latest = new Map<string, number>();
  return {
    add(listener: (scope: string, head: number) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    deliver(scope: string, head: number) {
      if (head <= (latest.get(scope) ?? 0)) return;
      latest.set(scope, head);
      for (const listener of listeners) {
        try {
          listener(scope, head);
        } catch (error) {
          console.error('A storage listener failed:', error);
        }
      }
    },
  };
}
