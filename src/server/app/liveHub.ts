import type { SyncStorage } from '../syncStorage';

type HeadListener = (head: number) => void;

/**
 * One `storage.watch` for all of an instance's live streams, handing each scope's heads to that
 * scope's listeners only; it watches while anyone listens.
 */
export function liveHub(storage: SyncStorage) {
  const byScope = new Map<string, Set<HeadListener>>();
  let unwatch: (() => void) | null = null;
  return {
    subscribe(scope: string, listener: HeadListener): () => void {
      unwatch ??= storage.watch((changed, head) => {
        for (const each of byScope.get(changed) ?? []) each(head);
      });
      const listeners = byScope.get(scope) ?? new Set();
      byScope.set(scope, listeners.add(listener));
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        byScope.delete(scope);
        if (byScope.size === 0) {
          unwatch?.();
          unwatch = null;
        }
      };
    },
  };
}

export type LiveHub = ReturnType<typeof liveHub>;
