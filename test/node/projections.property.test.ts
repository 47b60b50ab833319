import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyProjection, ProjectionName } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import { replayProjection } from '../../src/core/projection';
import type { LogbookStore } from '../../src/core/store';
import { catalog } from '../../src/domain/catalog';
import { type ShopCommand, type ShopDomain, shopDomain } from '../../src/domain/shop';
import { openStore } from '../../worker/store/openStore';

const cartId = fc.constantFrom('c1', 'c2');
const orderId = fc.constantFrom('o1', 'o2', 'o3');
const product = fc.constantFrom(...catalog);
const quantity = fc.integer({ min: 0, max: 5 });

/** Shop commands over a few carts and orders, so they collide; some break rules on purpose. */
const command: fc.Arbitrary<ShopCommand> = fc.oneof(
  fc.record({ cartId, product, quantity }).map(({ cartId, product, quantity }) => ({
    type: 'AddItem' as const,
    data: {
      cartId,
      productId: product.id,
      name: product.name,
      unitPrice: product.unitPrice,
      quantity,
    },
  })),
  fc.record({ cartId, product, quantity }).map(({ cartId, product, quantity }) => ({
    type: 'ChangeQuantity' as const,
    data: { cartId, productId: product.id, quantity },
  })),
  fc.record({ cartId, product }).map(({ cartId, product }) => ({
    type: 'RemoveItem' as const,
    data: { cartId, productId: product.id },
  })),
  fc.record({ cartId, orderId }).map((data) => ({ type: 'CheckOut' as const, data })),
  fc.record({ orderId }).map((data) => ({ type: 'PayOrder' as const, data })),
  fc.record({ orderId }).map((data) => ({ type: 'ShipOrder' as const, data })),
  fc.record({ orderId }).map((data) => ({ type: 'DeliverOrder' as const, data })),
  fc.record({ orderId }).map((data) => ({
    type: 'CancelOrder' as const,
    data: { ...data, reason: 'changed my mind' },
  })),
);

async function wholeLog(store: LogbookStore<ShopDomain>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.readAll({ after, limit: 7 });
    events.push(...page.events);
    ({ lastPosition: after, hasMore } = page);
  }
  return events;
}

let runs = 0;

describe('projections (property)', () => {
  it('every projection equals a from-scratch replay of the log, for any command sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }),
        async (commands) => {
          const store = await openStore({ name: `property-${++runs}`, domain: shopDomain });
          for (const next of commands) {
            await store.execute(next).catch((error: Error) => {
              if (error.name !== 'CommandRejectedError') throw error;
            });
          }
          const log = await wholeLog(store);
          for (const projection of shopDomain.projections as readonly AnyProjection[]) {
            const replayed = replayProjection(projection, log);
            const expected = [...replayed.entries()]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([, view]) => view);
            expect(await store.list(projection.name as ProjectionName<ShopDomain>)).toEqual(
              expected,
            );
          }
          await store.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
