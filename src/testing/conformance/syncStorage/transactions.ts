import { describe, expect, it } from 'vitest';
import {
  appendIn,
  eventAt,
  eventsAfter,
  fresh,
  type MakeSyncStorage,
  storageFor,
} from './fixtures';

/**
 * Lets other work run for a few microtasks: what the server logic does between its reads and
 * writes (never a timer, which an IndexedDB transaction would not outlive).
 */
const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await Promise.resolve();
};

export function transactionFeatures(makeStorage: MakeSyncStorage) {
  const open = storageFor(makeStorage);

  describe('transactions', () => {
    it('keeps nothing of a transaction that throws: no event, no stream, no device claim', async () => {
      const storage = await open();
      const scope = fresh('scope');
      const [stream, device] = [fresh('stream'), fresh('device')];
      await appendIn(storage, scope, eventsAfter(stream, 0, 1));
      const lost = [...eventsAfter(stream, 1, 2), eventAt(fresh('stream'), 1)];
      const failure = new Error('the work failed');
      await expect(
        storage.exclusive(scope, async (tx) => {
          await tx.append(lost);
          await tx.claimDevice(device, 'alice');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await storage.head(scope)).toBe(1);
      expect(await storage.readAfter(scope, 0, 10)).toHaveLength(1);
      await storage.exclusive(scope, async (tx) => {
        expect(await tx.streamHead(stream)).toEqual({ scope, version: 1 });
        expect(await tx.streamHead(lost[2]?.stream ?? '')).toBeNull();
        expect(await tx.eventsById(lost.map((event) => event.id))).toEqual([]);
        expect(await tx.deviceOwner(device)).toBeNull();
      });
      // The positions the failed work took are free again.
      const next = await appendIn(storage, scope, eventsAfter(stream, 1, 1));
      expect(next.map((event) => event.position)).toEqual([2]);
    });

    it('answers with what the work returns', async () => {
      const storage = await open();
      expect(await storage.exclusive(fresh('scope'), async () => 'done')).toBe('done');
    });

    it('runs many transactions of one scope in turn: each sees the last one’s writes', async () => {
      const storage = await open();
      const scope = fresh('scope');
      const stream = fresh('stream');
      // Each reads the stream's version, waits, and appends the next one: interleaved, two would
      // read the same version and one would fail or store a duplicate.
      const appended = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          storage.exclusive(scope, async (tx) => {
            const version = (await tx.streamHead(stream))?.version ?? 0;
            await turns(i % 4);
            return tx.append([eventAt(stream, version + 1)]);
          }),
        ),
      );
      const positions = appended.flat().map((event) => event.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
      const log = await storage.readAfter(scope, 0, 100);
      expect(log.map((event) => [event.position, event.version])).toEqual(
        log.map((_, i) => [i + 1, i + 1]),
      );
      expect(await storage.head(scope)).toBe(24);
    });

    it('gives concurrent transactions of several scopes each its own dense positions', async () => {
      const storage = await open();
      const scopes = [fresh('scope'), fresh('scope'), fresh('scope')];
      await Promise.all(
        Array.from({ length: 18 }, (_, i) => {
          const scope = scopes[i % 3] as string;
          return storage.exclusive(scope, async (tx) => {
            await turns(i % 2);
            return tx.append([eventAt(fresh('stream'), 1), eventAt(fresh('stream'), 1)]);
          });
        }),
      );
      for (const scope of scopes) {
        const log = await storage.readAfter(scope, 0, 100);
        expect(log.map((event) => event.position)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
      }
    });

    it('never stores two events at one version of a stream', async () => {
      const storage = await open();
      const scope = fresh('scope');
      const stream = fresh('stream');
      await appendIn(storage, scope, [eventAt(stream, 1)]);
      await expect(appendIn(storage, scope, [eventAt(stream, 1)])).rejects.toThrow();
      await expect(
        appendIn(storage, scope, [eventAt(stream, 2), eventAt(stream, 2)]),
      ).rejects.toThrow();
      expect((await storage.readAfter(scope, 0, 10)).map((event) => event.version)).toEqual([1]);
    });

    it('keeps a stream in one scope: its first version again in another scope fails', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const stream = fresh('stream');
      await appendIn(storage, a, [eventAt(stream, 1)]);
      await expect(appendIn(storage, b, [eventAt(stream, 1)])).rejects.toThrow();
      expect(await storage.head(b)).toBe(0);
    });
  });

  describe('streams, events and devices', () => {
    it('tells a stream’s scope and version, or null for a stream with no events', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const [s, t] = [fresh('stream'), fresh('stream')];
      await appendIn(storage, a, eventsAfter(s, 0, 3));
      await appendIn(storage, b, eventsAfter(t, 0, 1));
      // Asked in any scope's transaction: a stream's scope is what the server checks a push by.
      await storage.exclusive(b, async (tx) => {
        expect(await tx.streamHead(s)).toEqual({ scope: a, version: 3 });
        expect(await tx.streamHead(t)).toEqual({ scope: b, version: 1 });
        expect(await tx.streamHead(fresh('stream'))).toBeNull();
      });
    });

    it('finds stored events by id, with their scope, skipping ids it does not have', async () => {
      const storage = await open();
      const [a, b] = [fresh('scope'), fresh('scope')];
      const [inA] = await appendIn(storage, a, [eventAt(fresh('stream'), 1)]);
      const [inB] = await appendIn(storage, b, [eventAt(fresh('stream'), 1)]);
      const found = await storage.exclusive(a, (tx) =>
        tx.eventsById([inB?.id ?? '', fresh('event'), inA?.id ?? '']),
      );
      expect(found).toHaveLength(2);
      expect(found).toEqual(
        expect.arrayContaining([
          { ...inA, scope: a },
          { ...inB, scope: b },
        ]),
      );
    });

    it('keeps who first pushed as a device, across scopes', async () => {
      const storage = await open();
      const device = fresh('device');
      await storage.exclusive(fresh('scope'), async (tx) => {
        expect(await tx.deviceOwner(device)).toBeNull();
        await tx.claimDevice(device, 'alice');
        expect(await tx.deviceOwner(device)).toBe('alice');
      });
      expect(await storage.exclusive(fresh('scope'), (tx) => tx.deviceOwner(device))).toBe('alice');
    });
  });
}
