import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { activity } from '../../../src/demo/domain/projections/activity';
import { shopDomain } from '../../../src/demo/domain/shop';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import { timeline } from '../timeline';
import { closeAll, createDevices, type Device } from './devices';
import { holdRebuilds } from './heldRebuild';
import { expectProjectionsMatchReplay, fromServer, wholeLog } from './replay';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  vi.unstubAllGlobals();
});
afterAll(() => mock.server.close());

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
let runs = 0;

describe('a rebuild that a sync lands on', () => {
  it('ends equal to a replay when it started on a device with only pending events', async () => {
    const devices = await createDevices(2);
    const [here, there] = devices as [Device, Device];
    await here.store.execute(addItem('cart-here', flatWhite, 1));
    await there.store.execute(addItem('cart-there', flatWhite, 1));
    await there.store.execute(addItem('cart-there', flatWhite, 2));
    await there.sync.syncNow();

    const rebuilds = holdRebuilds();
    const rebuilding = here.store.rebuildProjection('activity');
    // Between its batches: the log held no confirmed event, so it now replays pending ones.
    expect(await rebuilds.paused(rebuilding.then(() => here.store.projectionsReady()))).toBe(true);
    await here.sync.syncNow();
    await rebuilds.runUntil(here.store.projectionsReady());

    expect(await wholeLog(here.store)).toHaveLength(3);
    expect(await here.store.list('activity')).toHaveLength(3);
    await expectProjectionsMatchReplay(here.store, shopDomain);
    await closeAll(devices);
  });

  it('ends equal to a replay when an app update changed the projection on a device that never synced', async () => {
    const [there] = (await createDevices(1)) as [Device];
    const theirs = [
      ...(await there.store.execute(addItem('cart-there', flatWhite, 1))).events,
      ...(await there.store.execute(addItem('cart-there', flatWhite, 2))).events,
    ];
    const name = `never-synced-${++runs}`;
    const before = await openStore({ name, domain: shopDomain });
    await before.execute(addItem('cart-here', flatWhite, 1));
    await before.close();

    const updated = defineDomain({
      ...shopDomain,
      projections: shopDomain.projections.map((projection) =>
        projection === activity ? { ...activity, version: 2 } : projection,
      ),
    });
    const rebuilds = holdRebuilds();
    const after = await openStore({ name, domain: updated });
    expect(await rebuilds.paused(after.projectionsReady())).toBe(true);
    await after.applyPulled(fromServer(theirs, 1), 2);
    await rebuilds.runUntil(after.projectionsReady());

    expect(await after.list('activity')).toHaveLength(3);
    await expectProjectionsMatchReplay(after, updated);
    await after.close();
    await closeAll([there]);
  });
});

const counters = defineDomain({ aggregates: [counter], projections: [totals, timeline] });

/** Lets the held rebuild run `batches` more batches, and holds it after them (unless done). */
async function runBatches(
  rebuilds: ReturnType<typeof holdRebuilds>,
  batches: number,
  done: Promise<unknown>,
): Promise<void> {
  for (let i = 0; (await rebuilds.paused(done)) && i < batches; i++) rebuilds.release();
}

describe('a rebuild under any sync (property)', () => {
  it('ends equal to a full replay in replay order, whatever batch the sync finds it at', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          pending: fc.integer({ min: 0, max: 12 }),
          theirs: fc.integer({ min: 1, max: 6 }),
          acknowledged: fc.integer({ min: 0, max: 12 }),
          batchSize: fc.integer({ min: 1, max: 5 }),
          batchesBeforePull: fc.integer({ min: 0, max: 8 }),
          batchesBeforeAck: fc.integer({ min: 0, max: 8 }),
        }),
        async ({
          pending,
          theirs,
          acknowledged,
          batchSize,
          batchesBeforePull,
          batchesBeforeAck,
        }) => {
          const name = `rebuild-property-${++runs}`;
          const other = await openStore({ name: `${name}-other`, domain: counters });
          const here = await openStore({ name, domain: counters, rebuildBatchSize: batchSize });
          for (let i = 0; i < pending; i++) {
            await here.execute({ type: 'Increment', data: { counter: `${i % 3}`, by: 1 } });
          }
          const their = [];
          for (let i = 0; i < theirs; i++) {
            const result = await other.execute({
              type: 'Increment',
              data: { counter: '0', by: 2 },
            });
            their.push(...result.events);
          }
          const rebuilds = holdRebuilds();
          await here.rebuildProjection('timeline');
          await runBatches(rebuilds, batchesBeforePull, here.projectionsReady());
          await here.applyPulled(fromServer(their, 1), theirs);
          await runBatches(rebuilds, batchesBeforeAck, here.projectionsReady());
          const acks = (await here.pendingEvents(acknowledged)).map((event, i) => ({
            id: event.id,
            position: event.position,
            serverPosition: theirs + 1 + i,
          }));
          await here.confirmEvents(acks);
          await rebuilds.runUntil(here.projectionsReady());
          vi.unstubAllGlobals();

          await expectProjectionsMatchReplay(here, counters);
          await Promise.all([here.close(), other.close()]);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
