import { describe, expect, it, vi } from 'vitest';
import { defineDomain } from '../../src/core/domain';
import { defineProjection, replayProjection } from '../../src/core/projection';
import { counter, totals } from '../../src/testing/conformance/testDomain';
import { LogbookDatabase } from '../../worker/db/database';
import { openStore } from '../../worker/store/openStore';

type Incremented = { type: 'Incremented'; data: { counter: string; by: number } };

/** The same projection name at version 2, counting events instead of summing them. */
const totalsV2 = defineProjection<{ counter: string; value: number }, Incremented>()({
  name: 'totals',
  version: 2,
  key: (event) => event.data.counter,
  on: {
    Incremented: (view, event) => ({ counter: event.data.counter, value: (view?.value ?? 0) + 1 }),
  },
});

describe('store options', () => {
  it('refuses events over a configured size limit', async () => {
    const store = await openStore({
      name: 'small-events',
      domain: defineDomain({ aggregates: [counter], projections: [totals] }),
      maxEventBytes: 64,
    });
    await expect(
      store.append('counter-a', [
        { type: 'Incremented', data: { counter: 'a'.repeat(80), by: 1 } },
      ]),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'events[0].data' });
    await store.append('counter-a', [{ type: 'Incremented', data: { counter: 'a', by: 1 } }]);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('refuses a database a newer app version upgraded, and leaves it untouched', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('from-a-newer-app', 1000);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await expect(
      openStore({
        name: 'from-a-newer-app',
        domain: defineDomain({ aggregates: [counter], projections: [totals] }),
      }),
    ).rejects.toMatchObject({ name: 'StoreVersionError', database: 'from-a-newer-app' });
    const version = await new Promise<number>((resolve) => {
      const request = indexedDB.open('from-a-newer-app');
      request.onsuccess = () => {
        resolve(request.result.version);
        request.result.close();
      };
    });
    expect(version).toBe(1000);
  });

  it('rebuilds a projection in the background, saying so until it is done', async () => {
    const name = 'rebuild-on-version';
    const v1 = await openStore({
      name,
      domain: defineDomain({ aggregates: [counter], projections: [totals] }),
    });
    for (let i = 0; i < 1200; i++) {
      await v1.append(`counter-${i % 3}`, [
        { type: 'Incremented', data: { counter: `${i % 3}`, by: 5 } },
      ]);
    }
    expect(await v1.get('totals', '0')).toEqual({ counter: '0', value: 2000 });
    await v1.close();

    const v2 = await openStore({
      name,
      domain: defineDomain({ aggregates: [counter], projections: [totalsV2] }),
      rebuildBatchSize: 100,
    });
    await expect(v2.list('totals')).rejects.toMatchObject({
      name: 'ProjectionRebuildingError',
      projection: 'totals',
      total: 1200,
    });
    await v2.projectionsReady();
    expect(await v2.projectionStatus()).toEqual([
      { name: 'totals', version: 2, status: 'ready', processed: 1200, total: 1200 },
    ]);
    expect(await v2.list('totals')).toEqual([
      { counter: '0', value: 400 },
      { counter: '1', value: 400 },
      { counter: '2', value: 400 },
    ]);
    await v2.close();
  });

  it('resumes a rebuild cut short where it stopped, and ends equal to a full replay', async () => {
    const name = 'rebuild-resumes';
    const v1 = await openStore({
      name,
      domain: defineDomain({ aggregates: [counter], projections: [totals] }),
    });
    for (let i = 0; i < 600; i++) {
      await v1.append(`counter-${i % 4}`, [
        { type: 'Incremented', data: { counter: `${i % 4}`, by: i } },
      ]);
    }
    await v1.close();
    const v2Domain = defineDomain({ aggregates: [counter], projections: [totalsV2] });

    // Closing stops the background rebuild after the batch in flight: as a closed tab would.
    const interrupted = await openStore({ name, domain: v2Domain, rebuildBatchSize: 5 });
    await vi.waitFor(
      async () => expect((await interrupted.projectionStatus())[0]?.processed).toBeGreaterThan(0),
      { interval: 1 },
    );
    await interrupted.close();
    const raw = new LogbookDatabase(name);
    const cut = await raw.projections.get('totals');
    raw.close();
    expect(cut?.status).toBe('rebuilding');
    expect(cut?.processed).toBeGreaterThan(0);
    expect(cut?.processed).toBeLessThan(600);

    const resumed = await openStore({ name, domain: v2Domain });
    await resumed.projectionsReady();
    const log = (await resumed.readAll({ limit: 1000 })).events;
    const replayed = [...replayProjection(totalsV2, log).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, v]) => v);
    expect(await resumed.list('totals')).toEqual(replayed);
    await resumed.close();
  });
  it('rebuilds a projection on demand, saying so until it is done, with its progress', async () => {
    const store = await openStore({
      name: 'rebuild-on-demand',
      domain: defineDomain({ aggregates: [counter], projections: [totals] }),
      rebuildBatchSize: 10,
    });
    for (let i = 0; i < 200; i++) {
      await store.append('counter-a', [{ type: 'Incremented', data: { counter: 'a', by: 1 } }]);
    }
    await store.rebuildProjection('totals');
    await expect(store.get('totals', 'a')).rejects.toMatchObject({
      name: 'ProjectionRebuildingError',
      projection: 'totals',
      total: 200,
    });
    const progress: number[] = [];
    await vi.waitFor(
      async () => {
        const [status] = await store.projectionStatus();
        progress.push(status?.processed ?? -1);
        expect(status?.status).toBe('ready');
      },
      { interval: 1, timeout: 5000 },
    );
    expect(progress.some((processed) => processed > 0 && processed < 200)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 200 });
    await store.close();
  });
});
