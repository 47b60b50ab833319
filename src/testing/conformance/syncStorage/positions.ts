import { describe, expect, it } from 'vitest';
import { appendIn, eventsAfter, fresh, type MakeSyncStorage, storageFor } from './fixtures';

export function positionFeatures(makeStorage: MakeSyncStorage) {
  const open = storageFor(makeStorage);

  describe('positions', () => {
    it('counts each scope’s positions 1, 2, 3, ... with no gap, whatever other scopes store', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const [s, t, u] = [fresh('stream'), fresh('stream'), fresh('stream')];
      const first = await appendIn(storage, a, eventsAfter(s, 0, 2));
      const other = await appendIn(storage, b, eventsAfter(t, 0, 3));
      const second = await appendIn(storage, a, [...eventsAfter(s, 2, 1), ...eventsAfter(u, 0, 1)]);
      expect([...first, ...second].map((event) => event.position)).toEqual([1, 2, 3, 4]);
      expect(other.map((event) => event.position)).toEqual([1, 2, 3]);
      expect([await storage.head(a), await storage.head(b)]).toEqual([4, 3]);
      expect(await storage.head(fresh('scope'))).toBe(0);
    });

    it('answers each appended event as given, with its position, and reads it back so', async () => {
      const storage = await open();
      const scope = fresh('scope');
      const events = eventsAfter(fresh('stream'), 0, 3);
      const stored = await appendIn(storage, scope, events);
      expect(stored).toEqual(events.map((event, i) => ({ ...event, position: i + 1 })));
      expect(await storage.readAfter(scope, 0, 10)).toEqual(stored);
    });

    it('reads a scope after a position, up to a limit, in position order, and none of another scope', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const stream = fresh('stream');
      await appendIn(storage, a, eventsAfter(stream, 0, 3));
      await appendIn(storage, b, eventsAfter(fresh('stream'), 0, 2));
      await appendIn(storage, a, eventsAfter(stream, 3, 2));
      const positions = async (after: number, limit: number) =>
        (await storage.readAfter(a, after, limit)).map((event) => [event.position, event.version]);
      expect(await positions(0, 10)).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ]);
      expect(await positions(1, 2)).toEqual([
        [2, 2],
        [3, 3],
      ]);
      expect(await positions(5, 10)).toEqual([]);
      const ofB = await storage.readAfter(b, 0, 10);
      expect(ofB.map((event) => event.stream)).not.toContain(stream);
      expect(ofB).toHaveLength(2);
    });
  });
}
