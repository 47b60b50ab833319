import { describe, expect, it } from 'vitest';
import { freshName, increment, type StoreFactory } from './factory';

export function readingFeatures(factory: StoreFactory) {
  describe('reading', () => {
    async function storeWithFiveEvents() {
      const store = await factory.open(freshName());
      for (let by = 1; by <= 5; by++) {
        await store.append('counter-a', [increment('a', by)]);
        await store.append('counter-b', [increment('b', by)]);
      }
      return store;
    }

    it('reads a stream forwards, backwards, bounded and limited', async () => {
      const store = await storeWithFiveEvents();
      const versions = async (options: Parameters<typeof store.readStream>[1]) =>
        (await store.readStream('counter-a', options)).map((event) => event.version);
      expect(await versions({})).toEqual([1, 2, 3, 4, 5]);
      expect(await versions({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1]);
      expect(await versions({ from: 2, to: 4 })).toEqual([2, 3, 4]);
      expect(await versions({ from: 4, direction: 'backwards', limit: 2 })).toEqual([4, 3]);
      expect(await versions({ from: 3, limit: 2 })).toEqual([3, 4]);
      expect(await store.readStream('counter-none')).toEqual([]);
      await store.close();
    });

    it('reads the whole log in pages, in log order, optionally by type', async () => {
      const store = await storeWithFiveEvents();
      await store.append('counter-c', [{ type: 'Noted', data: { text: 'hi' } }]);
      const seen: string[] = [];
      let after = 0;
      for (let hasMore = true; hasMore; ) {
        const page = await store.readAll({ after, limit: 3 });
        expect(page.events.length).toBeLessThanOrEqual(3);
        seen.push(...page.events.map((event) => `${event.stream}@${event.version}`));
        after = page.lastPosition;
        hasMore = page.hasMore;
      }
      expect(seen).toEqual([
        ...[1, 2, 3, 4, 5].flatMap((v) => [`counter-a@${v}`, `counter-b@${v}`]),
        'counter-c@1',
      ]);
      const noted = await store.readAll({ types: ['Noted'] });
      expect(noted.events.map((event) => event.type)).toEqual(['Noted']);
      expect(noted.hasMore).toBe(false);
      await store.close();
    });

    it('filters the log by stream, device and time range, page by page', async () => {
      const store = await storeWithFiveEvents();
      const log = (await store.readAll()).events;
      const positions = (page: { events: { position: number }[] }) =>
        page.events.map((event) => event.position);
      const firstPage = await store.readAll({ stream: 'counter-b', limit: 2 });
      expect(firstPage.events.map((event) => event.version)).toEqual([1, 2]);
      expect(firstPage.hasMore).toBe(true);
      const nextPage = await store.readAll({
        stream: 'counter-b',
        after: firstPage.lastPosition,
        limit: 10,
      });
      expect(nextPage.events.map((event) => event.version)).toEqual([3, 4, 5]);
      expect(nextPage.hasMore).toBe(false);

      expect(positions(await store.readAll({ clientId: store.clientId }))).toEqual(
        positions({ events: log }),
      );
      expect((await store.readAll({ clientId: 'another-device' })).events).toEqual([]);

      const third = log[2] as (typeof log)[number];
      const fromThird = await store.readAll({ recordedFrom: third.metadata.recordedAt });
      expect(positions(fromThird)).toEqual(
        positions({
          events: log.filter((e) => e.metadata.recordedAt >= third.metadata.recordedAt),
        }),
      );
      const upToThird = await store.readAll({ recordedTo: third.metadata.recordedAt });
      expect(positions(upToThird)).toContain(third.position);
      expect(
        upToThird.events.every((e) => e.metadata.recordedAt <= third.metadata.recordedAt),
      ).toBe(true);
      await expect(store.readAll({ recordedFrom: -1 })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'recordedFrom',
      });
      await expect(store.readAll({ stream: '' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'stream',
      });
      await store.close();
    });

    it('filters the log by the start of stream names', async () => {
      const store = await storeWithFiveEvents();
      await store.append('other-a', [increment('a', 6)]);
      const counters = await store.readAll({ streamPrefix: 'counter-', limit: 20 });
      expect(new Set(counters.events.map((event) => event.stream))).toEqual(
        new Set(['counter-a', 'counter-b']),
      );
      expect(counters.events).toHaveLength(10);
      const others = await store.readAll({ streamPrefix: 'oth' });
      expect(others.events.map((event) => event.stream)).toEqual(['other-a']);
      await expect(store.readAll({ streamPrefix: ' ' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'streamPrefix',
      });
      await store.close();
    });

    it('keeps everything across close and reopen', async () => {
      const name = freshName();
      const store = await factory.open(name);
      await store.append('counter-a', [increment('a', 4)]);
      await store.execute({ type: 'Increment', id: 'cmd-persist', data: { counter: 'a', by: 1 } });
      const clientId = store.clientId;
      await store.close();

      const reopened = await factory.open(name);
      expect(reopened.clientId).toBe(clientId);
      expect((await reopened.readStream('counter-a')).map((e) => e.data)).toEqual([
        { counter: 'a', by: 4 },
        { counter: 'a', by: 1 },
      ]);
      expect(await reopened.get('totals', 'a')).toEqual({ counter: 'a', value: 5 });
      const again = await reopened.execute({
        type: 'Increment',
        id: 'cmd-persist',
        data: { counter: 'a', by: 1 },
      });
      expect(again.attempts).toBe(0);
      expect(await reopened.headPosition()).toBe(2);
      await reopened.close();
    });
  });
}
