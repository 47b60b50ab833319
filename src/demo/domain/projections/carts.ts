import { defineProjection, type ProjectedEvent } from 'logbook';
import { type CartEvent, lineOf } from '../cart';
import { addLine, removeLine, setQuantity } from '../cartLines';
import { itemCountOf, type LineView, type OrderLine, toLineView, totalOf } from '../orderLine';
import { shopOf } from '../shops';

export type CartView = {
  /** The shop whose stream the cart is (`shopOf`). */
  shopId: string;
  cartId: string;
  status: 'open' | 'checked-out';
  orderId: string | null;
  lines: LineView[];
  itemCount: number;
  total: number;
  /** When the last event changed the cart (ms since the epoch). */
  updatedAt: number;
};

function withLines(view: CartView, lines: OrderLine[]): CartView {
  return {
    ...view,
    lines: lines.map(toLineView),
    itemCount: itemCountOf(lines),
    total: totalOf(lines),
  };
}

function cartOrEmpty(view: CartView | undefined, event: ProjectedEvent<CartEvent>): CartView {
  const updatedAt = event.metadata.recordedAt;
  const base = view ?? {
    shopId: shopOf(event.stream),
    cartId: event.data.cartId,
    status: 'open',
    orderId: null,
    lines: [],
    itemCount: 0,
    total: 0,
    updatedAt,
  };
  return { ...base, updatedAt };
}

/** Each cart with its lines and totals, listable by status, and a shop's open ones by `openIn`. */
export const carts = defineProjection<CartView, CartEvent>()({
  name: 'carts',
  version: 2,
  key: (event) => event.data.cartId,
  indexes: {
    status: (view) => view.status,
    openIn: (view) => (view.status === 'open' ? view.shopId : undefined),
  },
  on: {
    ItemAdded: (view, event) => {
      const cart = cartOrEmpty(view, event);
      return withLines(cart, addLine(cart.lines, lineOf(event.data)));
    },
    QuantityChanged: (view, event) => {
      const cart = cartOrEmpty(view, event);
      return withLines(cart, setQuantity(cart.lines, event.data.productId, event.data.quantity));
    },
    ItemRemoved: (view, event) => {
      const cart = cartOrEmpty(view, event);
      return withLines(cart, removeLine(cart.lines, event.data.productId));
    },
    CartCheckedOut: (view, event) => ({
      ...cartOrEmpty(view, event),
      status: 'checked-out',
      orderId: event.data.orderId,
    }),
  },
});
