import { defineProjection } from 'logbook';
import { type CartEvent, lineOf } from '../cart';
import { addLine, removeLine, setQuantity } from '../cartLines';
import { itemCountOf, type LineView, type OrderLine, toLineView, totalOf } from '../orderLine';

export type CartView = {
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

function cartOrEmpty(view: CartView | undefined, cartId: string, updatedAt: number): CartView {
  const base = view ?? {
    cartId,
    status: 'open',
    orderId: null,
    lines: [],
    itemCount: 0,
    total: 0,
    updatedAt,
  };
  return { ...base, updatedAt };
}

/** Each cart with its lines and totals, listable by status. */
export const carts = defineProjection<CartView, CartEvent>()({
  name: 'carts',
  version: 1,
  key: (event) => event.data.cartId,
  indexes: { status: (view) => view.status },
  on: {
    ItemAdded: (view, { data, metadata }) => {
      const cart = cartOrEmpty(view, data.cartId, metadata.recordedAt);
      return withLines(cart, addLine(cart.lines, lineOf(data)));
    },
    QuantityChanged: (view, { data, metadata }) => {
      const cart = cartOrEmpty(view, data.cartId, metadata.recordedAt);
      return withLines(cart, setQuantity(cart.lines, data.productId, data.quantity));
    },
    ItemRemoved: (view, { data, metadata }) => {
      const cart = cartOrEmpty(view, data.cartId, metadata.recordedAt);
      return withLines(cart, removeLine(cart.lines, data.productId));
    },
    CartCheckedOut: (view, { data, metadata }) => ({
      ...cartOrEmpty(view, data.cartId, metadata.recordedAt),
      status: 'checked-out',
      orderId: data.orderId,
    }),
  },
});
