import { describe, expect, it } from 'vitest';
import { freshName, increment, type StoreFactory } from './factory';

export function projectionFeatures(factory: StoreFactory) {
  describe('projections', () => {
    it('answers by key and lists by index without reading the log', async () => {
      const store = await factory.open(freshName());
      await store.append('counter-a', [increment('a', 1)]);
      await store.append('counter-b', [increment('b', 2), increment('b', 2)]);
      await store.append('counter-c', [increment('c', 3)]);
      expect(await store.get('totals', 'b')).toEqual({ counter: 'b', value: 4 });
      expect(await store.get('totals', 'zzz')).toBeUndefined();
      const names = (views: { counter: string }[]) => views.map((view) => view.counter);
      expect(names(await store.list('totals'))).toEqual(['a', 'b', 'c']);
      expect(names(await store.list('totals', { index: 'parity', equals: 'odd' }))).toEqual([
        'a',
        'c',
      ]);
      expect(names(await store.list('totals', { index: 'value', from: 2, to: 4 }))).toEqual([
        'c',
        'b',
      ]);
      expect(names(await store.list('totals', { reverse: true, limit: 2 }))).toEqual(['c', 'b']);
      expect(names(await store.list('totals', { offset: 1 }))).toEqual(['b', 'c']);
      await store.close();
    });

    it('rolls the whole append back when a projection throws', async () => {
      const store = await factory.open(freshName());
      await store.append('counter-a', [increment('a', 1)]);
      await expect(
        store.append('counter-a', [
          increment('a', 5),
          { type: 'Poisoned', data: { counter: 'a' } },
        ]),
      ).rejects.toMatchObject({
        name: 'ProjectionFailedError',
        projection: 'totals',
        eventType: 'Poisoned',
      });
      await expect(store.execute({ type: 'Poison', data: { counter: 'a' } })).rejects.toMatchObject(
        { name: 'ProjectionFailedError' },
      );
      expect(await store.readStream('counter-a')).toHaveLength(1);
      expect(await store.headPosition()).toBe(1);
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 1 });
      await store.close();
    });

    it('names an unknown projection or index', async () => {
      const store = await factory.open(freshName());
      await expect(store.get('nope' as never, 'a')).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'projection',
      });
      await expect(store.list('totals', { index: 'colour', equals: 'red' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'index',
      });
      await store.close();
    });
  });
}
