import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { cart } from '../../../src/demo/domain/cart';
import { device } from '../../../src/demo/domain/device';
import { order } from '../../../src/demo/domain/order';
import { shopDomain } from '../../../src/demo/domain/shop';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { shopHistory } from './shopHistory';

let runs = 0;

/** Views without the times they were written at: two stores never write at the same instant. */
const timeless = (views: object[]) =>
  views.map((view) => ({ ...view, updatedAt: undefined, placedAt: undefined }));
const withoutSnapshots = defineDomain({
  ...shopDomain,
  aggregates: [{ ...cart, snapshots: undefined }, { ...order, snapshots: undefined }, device],
});
const everyTwo = defineDomain({
  ...shopDomain,
  aggregates: [
    { ...cart, snapshots: { every: 2, version: 1 } },
    { ...order, snapshots: { every: 2, version: 1 } },
    device,
  ],
});

describe('snapshots', () => {
  it('give the same results as folding the whole stream, for any history (property)', async () => {
    await fc.assert(
      fc.asyncProperty(shopHistory, async (commands) => {
        const [plain, snapshotted] = await Promise.all([
          openStore({ name: `plain-${++runs}`, domain: withoutSnapshots }),
          openStore({ name: `snapshotted-${runs}`, domain: everyTwo }),
        ]);
        for (const command of commands) {
          const outcome = (store: typeof plain) =>
            store.execute({ ...command, id: `${runs}-${commands.indexOf(command)}` }).then(
              (result) =>
                result.events.map(({ stream, version, type, data }) => ({
                  stream,
                  version,
                  type,
                  data,
                })),
              (error: Error) => error.message,
            );
          expect(await outcome(snapshotted)).toEqual(await outcome(plain));
        }
        expect(timeless(await snapshotted.list('carts'))).toEqual(
          timeless(await plain.list('carts')),
        );
        expect(timeless(await snapshotted.list('orders'))).toEqual(
          timeless(await plain.list('orders')),
        );
      }),
      { numRuns: 20 },
    );
  }, 60_000);

  it('are ignored once the decider’s version changes', async () => {
    const name = `decider-change-${++runs}`;
    const v1 = await openStore({
      name,
      domain: defineDomain({
        aggregates: [{ ...counter, snapshots: { every: 2, version: 1 } }],
        projections: [totals],
      }),
    });
    for (let i = 0; i < 4; i++)
      await v1.execute({ type: 'Increment', data: { counter: 'a', by: 10 } });
    await v1.close();

    // Version 2 counts increments instead of summing them: a v1 snapshot (value 40) would be wrong.
    const counting = {
      ...counter,
      snapshots: { every: 2, version: 2 },
      evolve: (state: { value: number }) => ({ value: state.value + 1 }),
    };
    const v2 = await openStore({
      name,
      domain: defineDomain({ aggregates: [counting], projections: [totals] }),
    });
    // Counting gives 4 so far, and 4 + 61 is allowed; the stale snapshot's 40 + 61 would not be.
    await expect(
      v2.execute({ type: 'Increment', data: { counter: 'a', by: 61 } }),
    ).resolves.toMatchObject({ events: [{ version: 5 }] });
  });
});
