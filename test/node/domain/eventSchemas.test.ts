import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchemasOf } from '../../../src/core/domain';
import { findEventProblem } from '../../../src/core/validation';
import { cart } from '../../../src/demo/domain/cart';
import { order } from '../../../src/demo/domain/order';
import { SHOP_EVENT_TYPES, shopDomain } from '../../../src/demo/domain/shop';
import { openStore } from '../../../worker/store/openStore';
import { shopCommands } from '../../shopArbitraries';
import { addItemData } from '../../shopFixtures';

const rules = { schemas: eventSchemasOf(shopDomain), upcasters: shopDomain.upcasters };
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
const fieldOf = (type: string, data: unknown) =>
  findEventProblem({ type, data }, 'e', rules)?.field;

let runs = 0;

describe('the shop’s event schemas', () => {
  it('declare the data of every shop event type', () => {
    expect([...rules.schemas.keys()].sort()).toEqual([...SHOP_EVENT_TYPES].sort());
  });

  it('accept every event the shop’s deciders record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shopCommands(), { minLength: 5, maxLength: 40 }),
        async (commands) => {
          const store = await openStore({ name: `event-schemas-${++runs}`, domain: shopDomain });
          for (const command of commands) {
            await store.execute(command).catch((error: Error) => {
              if (error.name !== 'CommandRejectedError') throw error;
            });
          }
          const { events } = await store.readAll({ limit: 1000 });
          for (const event of events) expect(findEventProblem(event, 'e', rules)).toBeUndefined();
          await store.close();
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('refuse data other devices could not apply, naming the field', () => {
    expect(fieldOf('ItemAdded', {})).toBe('e.data.cartId');
    expect(fieldOf('ItemAdded', { ...addItemData('c', espresso, 1), quantity: 'two' })).toBe(
      'e.data.quantity',
    );
    expect(fieldOf('QuantityChanged', { cartId: 'c', productId: 'p', quantity: 1 })).toBe(
      'e.data.name',
    );
    expect(fieldOf('OrderPaid', { orderId: 'o', amount: -1 })).toBe('e.data.amount');
    expect(
      fieldOf('CartCheckedOut', {
        shopId: 'default',
        cartId: 'c',
        orderId: 'o',
        lines: [{}],
        total: 0,
      }),
    ).toBe('e.data.lines[0].productId');
    expect(fieldOf('toString', {})).toBe('e.type');
    expect(fieldOf('NoSuchEvent', {})).toBe('e.type');
  });
});

describe('an event type this version of the shop does not know', () => {
  it.each(['toString', 'constructor', 'SomethingNew'])('%s changes no state', (type) => {
    const unknown = { type, data: {} } as never;
    const cartState = cart.evolve(cart.initialState(), unknown);
    const orderState = order.evolve(order.initialState(), unknown);
    expect(cartState).toEqual(cart.initialState());
    expect(orderState).toEqual(order.initialState());
  });
});
