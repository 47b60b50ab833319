import { type CommandsOf, definePolicy } from 'logbook';
import type { CartCheckedOut } from './cart';
import type { orderCommands } from './order';

type PlaceOrder = Extract<CommandsOf<typeof orderCommands>, { type: 'PlaceOrder' }>;

export function placeOrderFor({ data }: CartCheckedOut): PlaceOrder {
  const { shopId, orderId, cartId, lines, total } = data;
  return { type: 'PlaceOrder', data: { shopId, orderId, cartId, lines, total } };
}

/** Checking out places the order, in the cart's shop, in the same transaction: no checked-out cart without its order. */
export const checkoutPlacesOrder = definePolicy<CartCheckedOut>({
  when: 'CartCheckedOut',
  commands: placeOrderFor,
});
