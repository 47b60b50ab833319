import { describe, expect, it } from 'vitest';
import type { CartCheckedOut } from '../../../src/demo/domain/cart';
import { order, orderCommands } from '../../../src/demo/domain/order';
import { checkoutPlacesOrder } from '../../../src/demo/domain/policies';
import { shopDomain } from '../../../src/demo/domain/shop';
import { deciderSpec } from '../../../src/testing/deciderSpec';

const lines = [{ productId: 'espresso', name: 'Espresso', unitPrice: 240, quantity: 2 }];
const checkedOut: CartCheckedOut = {
  type: 'CartCheckedOut',
  data: { shopId: 'shop-ada', cartId: 'c1', orderId: 'o1', lines, total: 480 },
};
const placeOrder = {
  type: 'PlaceOrder',
  data: { shopId: 'shop-ada', orderId: 'o1', cartId: 'c1', lines, total: 480 },
} as const;

describe('checking out places the order', () => {
  it('turns CartCheckedOut into PlaceOrder for the same lines and total, in the cart’s shop', () => {
    expect(checkoutPlacesOrder.when).toBe('CartCheckedOut');
    expect(checkoutPlacesOrder.commands(checkedOut)).toEqual(placeOrder);
  });

  it('makes a command the order schema accepts and the order decider places', () => {
    expect(orderCommands.PlaceOrder.parse(placeOrder.data)).toEqual(placeOrder.data);
    deciderSpec(order)
      .given([])
      .when(placeOrder)
      .then([{ type: 'OrderPlaced', data: { orderId: 'o1', cartId: 'c1', lines, total: 480 } }]);
  });

  it('is part of the shop domain', () => {
    expect(shopDomain.policies).toContain(checkoutPlacesOrder);
  });
});
