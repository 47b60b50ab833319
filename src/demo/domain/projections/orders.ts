import { defineProjection, type ProjectedEvent } from 'logbook';
import { isPaidBack, type OrderEvent, type OrderStatus } from '../order';
import { type LineView, toLineView } from '../orderLine';
import { shopOf } from '../shops';

export type OrderView = {
  /** The shop whose stream the order is (`shopOf`). */
  shopId: string;
  orderId: string;
  cartId: string;
  status: OrderStatus;
  lines: LineView[];
  total: number;
  placedAt: number;
  updatedAt: number;
  cancelReason: string | null;
  paid: number;
  /** Paid back so far, by refunds (compensating events). */
  refunded: number;
};

/** Moves a placed order on; an event for an order never placed leaves no view. */
function advance(
  view: OrderView | undefined,
  event: ProjectedEvent<OrderEvent>,
  status: OrderStatus,
  changes: Partial<OrderView> = {},
): OrderView | null {
  return view ? { ...view, ...changes, status, updatedAt: event.metadata.recordedAt } : null;
}

/** Each order with its lines and where it is in fulfilment, listable by status and by shop. */
export const orders = defineProjection<OrderView, OrderEvent>()({
  name: 'orders',
  version: 4,
  key: (event) => event.data.orderId,
  indexes: { status: (view) => view.status, shop: (view) => view.shopId },
  on: {
    OrderPlaced: (_view, { stream, data, metadata }) => ({
      shopId: shopOf(stream),
      orderId: data.orderId,
      cartId: data.cartId,
      status: 'placed',
      lines: data.lines.map(toLineView),
      total: data.total,
      placedAt: metadata.recordedAt,
      updatedAt: metadata.recordedAt,
      cancelReason: null,
      paid: 0,
      refunded: 0,
    }),
    OrderPaid: (view, event) => advance(view, event, 'paid', { paid: event.data.amount }),
    OrderShipped: (view, event) => advance(view, event, 'shipped'),
    OrderDelivered: (view, event) => advance(view, event, 'delivered'),
    OrderCancelled: (view, event) =>
      advance(view, event, 'cancelled', { cancelReason: event.data.reason }),
    OrderRefunded: (view, event) => {
      if (!view) return null;
      const refunded = view.refunded + event.data.amount;
      const status = isPaidBack({ paid: view.paid, refunded }) ? 'refunded' : view.status;
      return advance(view, event, status, { refunded });
    },
  },
});
