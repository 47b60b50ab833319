import { type DomainEvent, defineAggregate } from 'logbook';
import { z } from 'zod';
import { formatCents } from './format';
import { orderLine, totalOf } from './orderLine';
import { reject } from './rejection';
import { cents, id } from './schemas';
import { orderStream, shopId, withoutShop } from './shops';

/** What order commands change: their events record it as it is (the stream says the shop). */
const orderChanges = {
  PlaceOrder: z.object({ orderId: id, cartId: id, lines: z.array(orderLine), total: cents }),
  PayOrder: z.object({ orderId: id }),
  ShipOrder: z.object({ orderId: id }),
  DeliverOrder: z.object({ orderId: id }),
  CancelOrder: z.object({ orderId: id, reason: z.string().trim().min(1) }),
  RefundOrder: z.object({
    orderId: id,
    amount: z.number().int().positive(),
    reason: z.string().trim().min(1),
  }),
};

/** Every command names its shop: the order's stream is in it. */
export const orderCommands = {
  PlaceOrder: orderChanges.PlaceOrder.extend({ shopId }),
  PayOrder: orderChanges.PayOrder.extend({ shopId }),
  ShipOrder: orderChanges.ShipOrder.extend({ shopId }),
  DeliverOrder: orderChanges.DeliverOrder.extend({ shopId }),
  CancelOrder: orderChanges.CancelOrder.extend({ shopId }),
  RefundOrder: orderChanges.RefundOrder.extend({ shopId }),
};

type OrderCommandData<Type extends keyof typeof orderChanges> = z.infer<
  (typeof orderChanges)[Type]
>;

export type OrderPlaced = DomainEvent<'OrderPlaced', OrderCommandData<'PlaceOrder'>>;
export type OrderPaid = DomainEvent<'OrderPaid', { orderId: string; amount: number }>;
export type OrderShipped = DomainEvent<'OrderShipped', OrderCommandData<'ShipOrder'>>;
export type OrderDelivered = DomainEvent<'OrderDelivered', OrderCommandData<'DeliverOrder'>>;
export type OrderCancelled = DomainEvent<'OrderCancelled', OrderCommandData<'CancelOrder'>>;
/** Money paid back: a compensating event, so the payment itself stays in the history as it was. */
export type OrderRefunded = DomainEvent<'OrderRefunded', OrderCommandData<'RefundOrder'>>;
export type OrderEvent =
  | OrderPlaced
  | OrderPaid
  | OrderShipped
  | OrderDelivered
  | OrderCancelled
  | OrderRefunded;

/** The data of each order event, as the store and the sync server check it. */
const orderEvents = {
  OrderPlaced: orderChanges.PlaceOrder,
  OrderPaid: z.object({ orderId: id, amount: cents }),
  OrderShipped: orderChanges.ShipOrder,
  OrderDelivered: orderChanges.DeliverOrder,
  OrderCancelled: orderChanges.CancelOrder,
  OrderRefunded: orderChanges.RefundOrder,
};

/**
 * placed -> paid -> shipped -> delivered; cancelled from placed or paid; refunded once all that
 * was paid is paid back, from any paid order (delivered and cancelled ones too). Delivered,
 * cancelled and refunded are final.
 */
export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

export interface OrderState {
  status: OrderStatus | 'not-placed';
  total: number;
  /** Paid, and refunded since: a refund can give back at most what is left. */
  paid: number;
  refunded: number;
}

const statusAfter: Record<Exclude<OrderEvent['type'], 'OrderRefunded'>, OrderStatus> = {
  OrderPlaced: 'placed',
  OrderPaid: 'paid',
  OrderShipped: 'shipped',
  OrderDelivered: 'delivered',
  OrderCancelled: 'cancelled',
};

/** All that was paid is paid back: this ends the order; a partial refund leaves it going. */
export function isPaidBack({ paid, refunded }: Pick<OrderState, 'paid' | 'refunded'>): boolean {
  return paid > 0 && refunded >= paid;
}

function assertNotRefunded({ status }: OrderState): void {
  if (status === 'refunded') reject('The order has been refunded');
}

/** The rules every command but `PlaceOrder` shares: the order exists and is still in progress. */
function assertInProgress(state: OrderState): void {
  const { status } = state;
  if (status === 'not-placed') reject('The order has not been placed');
  assertNotRefunded(state);
  if (status === 'cancelled') reject('The order is cancelled');
  if (status === 'delivered') reject('The order is already delivered');
}

/** An order from placing to delivery; paid in full, in one payment. */
export const order = defineAggregate<OrderState, typeof orderCommands, OrderEvent>({
  name: 'order',
  snapshots: { every: 25, version: 3 },
  commands: orderCommands,
  events: orderEvents,
  streamOf: ({ data }) => orderStream(data.shopId, data.orderId),
  initialState: () => ({ status: 'not-placed', total: 0, paid: 0, refunded: 0 }),

  evolve: (state, event) => {
    switch (event.type) {
      case 'OrderRefunded': {
        const next = { ...state, refunded: state.refunded + event.data.amount };
        return isPaidBack(next) ? { ...next, status: 'refunded' } : next;
      }
      case 'OrderPlaced':
        return { ...state, status: 'placed', total: event.data.total };
      case 'OrderPaid':
        return { ...state, status: 'paid', paid: event.data.amount };
      default:
        // Only the order's own event types move its status; one this version does not know does not.
        return Object.hasOwn(statusAfter, event.type)
          ? { ...state, status: statusAfter[event.type] }
          : state;
    }
  },

  decide: (command, state) => {
    if (command.type === 'PlaceOrder') {
      if (state.status !== 'not-placed') reject('The order has already been placed');
      if (command.data.lines.length === 0) reject('An order needs at least one line');
      if (totalOf(command.data.lines) !== command.data.total) {
        reject('The order total does not match its lines');
      }
      return { type: 'OrderPlaced', data: withoutShop(command.data) };
    }
    if (command.type === 'RefundOrder') {
      if (state.paid === 0) reject('Only a paid order can be refunded');
      assertNotRefunded(state);
      const left = state.paid - state.refunded;
      if (command.data.amount > left) {
        reject(`Cannot refund more than was paid: ${formatCents(left)} left`);
      }
      return { type: 'OrderRefunded', data: withoutShop(command.data) };
    }
    assertInProgress(state);
    const { orderId } = command.data;
    switch (command.type) {
      case 'PayOrder':
        if (state.status !== 'placed') reject('The order is already paid');
        return { type: 'OrderPaid', data: { orderId, amount: state.total } };
      case 'ShipOrder':
        if (state.status === 'placed') reject('An order cannot ship before it is paid');
        if (state.status === 'shipped') reject('The order has already shipped');
        return { type: 'OrderShipped', data: { orderId } };
      case 'DeliverOrder':
        if (state.status !== 'shipped') reject('Only a shipped order can be delivered');
        return { type: 'OrderDelivered', data: { orderId } };
      case 'CancelOrder':
        if (state.status === 'shipped') reject('An order cannot be cancelled once it has shipped');
        return { type: 'OrderCancelled', data: withoutShop(command.data) };
    }
  },
});
