import { z } from 'zod';
import { defineAggregate } from '../core/decider';
import type { DomainEvent } from '../core/events';
import { orderLine, totalOf } from './orderLine';
import { reject } from './rejection';
import { cents, id } from './schemas';

export const orderCommands = {
  PlaceOrder: z.object({ orderId: id, cartId: id, lines: z.array(orderLine), total: cents }),
  PayOrder: z.object({ orderId: id }),
  ShipOrder: z.object({ orderId: id }),
  DeliverOrder: z.object({ orderId: id }),
  CancelOrder: z.object({ orderId: id, reason: z.string().trim().min(1) }),
};

type OrderCommandData<Type extends keyof typeof orderCommands> = z.infer<
  (typeof orderCommands)[Type]
>;

export type OrderPlaced = DomainEvent<'OrderPlaced', OrderCommandData<'PlaceOrder'>>;
export type OrderPaid = DomainEvent<'OrderPaid', { orderId: string; amount: number }>;
export type OrderShipped = DomainEvent<'OrderShipped', OrderCommandData<'ShipOrder'>>;
export type OrderDelivered = DomainEvent<'OrderDelivered', OrderCommandData<'DeliverOrder'>>;
export type OrderCancelled = DomainEvent<'OrderCancelled', OrderCommandData<'CancelOrder'>>;
export type OrderEvent = OrderPlaced | OrderPaid | OrderShipped | OrderDelivered | OrderCancelled;

/** placed -> paid -> shipped -> delivered; cancelled from placed or paid. */
export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderState {
  status: OrderStatus | 'not-placed';
  total: number;
}

const statusAfter: Record<OrderEvent['type'], OrderStatus> = {
  OrderPlaced: 'placed',
  OrderPaid: 'paid',
  OrderShipped: 'shipped',
  OrderDelivered: 'delivered',
  OrderCancelled: 'cancelled',
};

/** The rules every command but `PlaceOrder` shares: the order exists and is still in progress. */
function assertInProgress({ status }: OrderState): void {
  if (status === 'not-placed') reject('The order has not been placed');
  if (status === 'cancelled') reject('The order is cancelled');
  if (status === 'delivered') reject('The order is already delivered');
}

/** An order from placing to delivery; paid in full, in one payment. */
export const order = defineAggregate<OrderState, typeof orderCommands, OrderEvent>({
  name: 'order',
  snapshots: { every: 25, version: 1 },
  commands: orderCommands,
  streamOf: (command) => `order-${command.data.orderId}`,
  initialState: () => ({ status: 'not-placed', total: 0 }),

  evolve: (state, event) => ({
    status: statusAfter[event.type],
    total: event.type === 'OrderPlaced' ? event.data.total : state.total,
  }),

  decide: (command, state) => {
    if (command.type === 'PlaceOrder') {
      if (state.status !== 'not-placed') reject('The order has already been placed');
      if (command.data.lines.length === 0) reject('An order needs at least one line');
      if (totalOf(command.data.lines) !== command.data.total) {
        reject('The order total does not match its lines');
      }
      return { type: 'OrderPlaced', data: command.data };
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
        return { type: 'OrderCancelled', data: command.data };
    }
  },
});
