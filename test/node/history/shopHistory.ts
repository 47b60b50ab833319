import fc from 'fast-check';
import { catalog } from '../../../src/domain/catalog';
import type { ShopCommand } from '../../../src/domain/shop';

const cartId = fc.constantFrom('c1', 'c2');
const orderId = fc.constantFrom('o1', 'o2');
const product = fc.constantFrom(...catalog.slice(0, 4));

/** Random shop commands over a few carts and orders; some break rules, as real use does. */
export const shopCommand: fc.Arbitrary<ShopCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ cartId, product, quantity: fc.integer({ min: 1, max: 3 }) })
      .map((d) => ({
        type: 'AddItem' as const,
        data: {
          cartId: d.cartId,
          productId: d.product.id,
          name: d.product.name,
          unitPrice: d.product.unitPrice,
          quantity: d.quantity,
        },
      })),
  },
  fc.record({ cartId, product, quantity: fc.integer({ min: 1, max: 5 }) }).map((d) => ({
    type: 'ChangeQuantity' as const,
    data: { cartId: d.cartId, productId: d.product.id, quantity: d.quantity },
  })),
  fc.record({ cartId, product }).map((d) => ({
    type: 'RemoveItem' as const,
    data: { cartId: d.cartId, productId: d.product.id },
  })),
  fc.record({ cartId, orderId }).map((data) => ({ type: 'CheckOut' as const, data })),
  fc.record({ orderId }).map((data) => ({ type: 'PayOrder' as const, data })),
  fc.record({ orderId }).map((data) => ({ type: 'ShipOrder' as const, data })),
  fc.record({ orderId }).map((data) => ({
    type: 'CancelOrder' as const,
    data: { ...data, reason: 'changed my mind' },
  })),
);

export const shopHistory = fc.array(shopCommand, { minLength: 1, maxLength: 30, size: 'max' });
