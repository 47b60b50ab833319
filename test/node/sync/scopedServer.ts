import { defineDomain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import type { LocalStore } from '../../../src/core/store';
import type { ServerEvent } from '../../../src/core/syncProtocol';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { timeline } from '../timeline';

/** Counters in two scopes: `counter-b...` in shop-b, every other in shop-a; `timeline` tells orders apart. */
export const twoShops = defineDomain({
  aggregates: [counter],
  projections: [totals, timeline],
  scopeOf: (stream: string) => (stream.startsWith('counter-b') ? 'shop-b' : 'shop-a'),
});

export type TwoShopsStore = LocalStore<typeof twoShops>;

export const increment = (name: string, by = 1) =>
  ({ type: 'Increment', data: { counter: name, by } }) as const;

/**
 * A server's logs, one per scope, each with positions of its own (1, 2, 3 in every scope), as
 * the sync server keeps them; pushes and pulls as a sync engine makes them, through the store's
 * sync API.
 */
export function scopedServer() {
  const logs = new Map<string, ServerEvent[]>();
  const logOf = (scope: string) => logs.get(scope) ?? logs.set(scope, []).get(scope) ?? [];
  const store = (scope: string, events: readonly RecordedEvent[]) => {
    const log = logOf(scope);
    return events.map(({ id, stream, version, type, data, metadata }) => {
      const event = { id, stream, version, type, data, metadata, position: log.length + 1 };
      log.push(event);
      return event;
    });
  };
  return {
    logOf,
    /** Stores events recorded elsewhere, as another device's push would. */
    store,
    /**
     * Pushes the device's pending events of `scope` (all of them, or the first `limit`), up to
     * the first that does not follow its stream's version here: that one conflicts.
     */
    async push(device: TwoShopsStore, scope: string, limit = Number.POSITIVE_INFINITY) {
      const log = logOf(scope);
      const version = (stream: string) => log.filter((event) => event.stream === stream).length;
      const wanted = (await device.pendingEvents(10_000))
        .filter((event) => twoShops.scopeOf(event.stream) === scope)
        .slice(0, limit);
      const conflict = wanted.findIndex(
        (event, i) =>
          event.version !==
          version(event.stream) +
            wanted.slice(0, i).filter((before) => before.stream === event.stream).length +
            1,
      );
      const pending = conflict === -1 ? wanted : wanted.slice(0, conflict);
      const stored = store(scope, pending);
      await device.confirmEvents(
        pending.map((event, i) => ({
          id: event.id,
          position: event.position,
          serverPosition: (stored[i] as ServerEvent).position,
        })),
        scope,
      );
    },
    /** Pulls `scope` after the device's cursor of it, in pages of `pageSize`. */
    async pull(device: TwoShopsStore, scope: string, pageSize = 100) {
      const log = logOf(scope);
      for (;;) {
        const after = await device.pullCursor(scope);
        const page = log.filter((event) => event.position > after).slice(0, pageSize);
        if (page.length === 0) return;
        await device.applyPulled(page, page.at(-1)?.position as number, scope);
      }
    },
  };
}
