import { describe, expect, it } from 'vitest';
import { ImportError } from '../../core/errors';
import { exportAll } from '../replayLog';
import { freshName, increment, type StoreFactory, type TestStore } from './factory';

/** Appends `a` +1, +2, then `b` +10, then `a` +3, one event per append. */
async function smallHistory(store: TestStore) {
  await store.append('counter-a', [increment('a', 1)]);
  await store.append('counter-a', [increment('a', 2)]);
  await store.append('counter-b', [increment('b', 10)]);
  await store.append('counter-a', [increment('a', 3)]);
}

export { exportAll };

export function historyFeatures(factory: StoreFactory) {
  describe('history', () => {
    it('answers an aggregate state at a version and a projection at a log position', async () => {
      const store = await factory.open(freshName());
      await smallHistory(store);
      expect(await store.aggregateStateAt('counter', 'counter-a', { version: 2 })).toEqual({
        value: 3,
      });
      expect(await store.aggregateStateAt('counter', 'counter-a', { version: 0 })).toEqual({
        value: 0,
      });
      expect(await store.projectionAt('totals', { position: 3 })).toEqual([
        { counter: 'a', value: 3 },
        { counter: 'b', value: 10 },
      ]);
      expect(await store.list('totals')).toEqual([
        { counter: 'a', value: 6 },
        { counter: 'b', value: 10 },
      ]);
      await store.close();
    });

    it('exports NDJSON that an empty store imports into the same log and views', async () => {
      const source = await factory.open(freshName());
      await smallHistory(source);
      const copy = await factory.open(freshName());
      expect(await copy.importLog(await exportAll(source))).toEqual({ imported: 4 });
      expect((await copy.readAll()).events).toEqual((await source.readAll()).events);
      expect(await copy.list('totals')).toEqual(await source.list('totals'));
      await Promise.all([source.close(), copy.close()]);
    });

    it('refuses a bad import with an ImportError naming the line, and stores nothing', async () => {
      const source = await factory.open(freshName());
      await smallHistory(source);
      const [first] = (await exportAll(source)).split('\n');
      const target = await factory.open(freshName());
      const error = await target.importLog(`${first}\nnot json\n`).catch((caught) => caught);
      expect(error).toBeInstanceOf(ImportError);
      expect(error).toMatchObject({ name: 'ImportError', line: 2 });
      expect(await target.headPosition()).toBe(0);
      expect(await target.list('totals')).toEqual([]);
      await Promise.all([source.close(), target.close()]);
    });

    it('rebuilds a projection on demand into the same views', async () => {
      const store = await factory.open(freshName());
      await smallHistory(store);
      const before = await store.list('totals');
      await store.rebuildProjection('totals');
      await store.projectionsReady();
      expect(await store.projectionStatus()).toEqual([
        { name: 'totals', version: 1, status: 'ready', processed: 4, total: 4 },
      ]);
      expect(await store.list('totals')).toEqual(before);
      await expect(store.rebuildProjection('nope' as never)).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'projection',
      });
      await store.close();
    });
  });
}
