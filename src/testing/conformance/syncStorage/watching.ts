import { describe, expect, it, vi } from 'vitest';
import { appendIn, eventsAfter, fresh, type MakeSyncStorage, storageFor } from './fixtures';

export function watchFeatures(makeStorage: MakeSyncStorage) {
  const open = storageFor(makeStorage);

  describe('watching heads', () => {
    it('tells a listener the last head of each scope after its commits', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const heads = new Map<string, number[]>();
      const stop = storage.watch((scope, head) => {
        heads.set(scope, [...(heads.get(scope) ?? []), head]);
      });
      const stream = fresh('stream');
      await appendIn(storage, a, eventsAfter(stream, 0, 2));
      await appendIn(storage, b, eventsAfter(fresh('stream'), 0, 1));
      await appendIn(storage, a, eventsAfter(stream, 2, 3));
      // Heads may be coalesced (an intermediate one missed), never the last one.
      await vi.waitFor(() => expect(heads.get(a)?.at(-1)).toBe(5));
      await vi.waitFor(() => expect(heads.get(b)?.at(-1)).toBe(1));
      const seenOfA = heads.get(a) ?? [];
      expect(seenOfA).toEqual([...seenOfA].sort((x, y) => x - y));
      expect(seenOfA.every((head) => head === 2 || head === 5)).toBe(true);
      stop();
    });

    it('tells nothing of a transaction that threw or wrote nothing', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const heard: [string, number][] = [];
      const stop = storage.watch((scope, head) => {
        if (scope === a || scope === b) heard.push([scope, head]);
      });
      await expect(
        storage.exclusive(a, async (tx) => {
          await tx.append(eventsAfter(fresh('stream'), 0, 2));
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      await storage.exclusive(a, async (tx) => tx.streamHead(fresh('stream')));
      // B's commit comes after both: once it is heard, anything A's work would send is too.
      await appendIn(storage, b, eventsAfter(fresh('stream'), 0, 1));
      await vi.waitFor(() => expect(heard).toContainEqual([b, 1]));
      expect(heard).toEqual([[b, 1]]);
      stop();
    });

    it('stops telling a listener once it unsubscribes', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const stopped: [string, number][] = [];
      const watching: [string, number][] = [];
      const stop = storage.watch((scope, head) => stopped.push([scope, head]));
      const keep = storage.watch((scope, head) => watching.push([scope, head]));
      stop();
      await appendIn(storage, a, eventsAfter(fresh('stream'), 0, 1));
      await vi.waitFor(() => expect(watching).toContainEqual([a, 1]));
      expect(stopped.filter(([scope]) => scope === a || scope === b)).toEqual([]);
      keep();
    });
  });

  describe('reachability', () => {
    it('resolves a ping while it can be reached', async () => {
      const storage = await open();
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });
}
