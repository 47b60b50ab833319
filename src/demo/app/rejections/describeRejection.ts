import { findProduct } from '../../domain/catalog';
import { shortId } from '../../domain/format';
import type { CartView, OrderView, ShopCommand } from '../../domain/shop';
import { formatMoney } from '../format';

/** What the UI knows around a rejected command: its cart or order as they stand now. */
export interface RejectionContext {
  cart?: CartView;
  order?: OrderView;
}

const productName = (productId: string) => findProduct(productId)?.name ?? productId;

const namesOf = (lines: readonly { name: string }[]) => {
  const names = lines.map((line) => line.name);
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};

/** A cart in words: no id is shown anywhere for carts, so by what it holds (or became). */
function cartWords({ cart }: RejectionContext): string {
  if (!cart || cart.lines.length === 0) return 'the cart';
  const holding = `the cart with ${namesOf(cart.lines)}`;
  return cart.orderId ? `${holding} (order ${shortId(cart.orderId)})` : holding;
}

const orderWords = (orderId: string) => `order ${shortId(orderId)}`;

/** What a command would have done, in a shopper's words: "adding 2 × Espresso to the cart with …". */
export function describeCommand(
  { type, data }: Pick<ShopCommand, 'type' | 'data'>,
  context: RejectionContext = {},
): string {
  const command = { type, data } as ShopCommand;
  switch (command.type) {
    case 'AddItem':
      return `adding ${command.data.quantity} × ${command.data.name} to ${cartWords(context)}`;
    case 'ChangeQuantity':
      return `changing ${productName(command.data.productId)} to ${command.data.quantity} in ${cartWords(context)}`;
    case 'RemoveItem':
      return `removing ${productName(command.data.productId)} from ${cartWords(context)}`;
    case 'CheckOut':
      return `checking out ${cartWords(context)}`;
    case 'PlaceOrder':
      return `placing ${orderWords(command.data.orderId)}`;
    case 'PayOrder':
      return `paying ${orderWords(command.data.orderId)}`;
    case 'ShipOrder':
      return `shipping ${orderWords(command.data.orderId)}`;
    case 'DeliverOrder':
      return `delivering ${orderWords(command.data.orderId)}`;
    case 'CancelOrder':
      return `cancelling ${orderWords(command.data.orderId)}`;
    case 'RefundOrder':
      return `refunding ${formatMoney(command.data.amount)} on ${orderWords(command.data.orderId)}`;
    case 'NameDevice':
      return `naming this device ${command.data.name}`;
    default:
      return `a change (${type})`;
  }
}

/** The cart and order a command is about, to look them up. */
export function subjectOf({ data }: Pick<ShopCommand, 'data'>): {
  cartId?: string;
  orderId?: string;
} {
  const { cartId, orderId } = data as { cartId?: string; orderId?: string };
  return { cartId, orderId };
}
