import { describe, expect, it } from 'vitest';
import { type OrderEvent, order, orderCommands } from '../../../src/demo/domain/order';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { deciderSpec } from '../../../src/testing/deciderSpec';

const spec = deciderSpec(order);
const orderId = 'o1';
const lines = [
  { productId: 'flat-white', name: 'Flat white', unitPrice: 340, quantity: 2 },
  { productId: 'espresso', name: 'Espresso', unitPrice: 240, quantity: 1 },
];
const total = 920;

const placeOrder = {
  type: 'PlaceOrder' as const,
  data: { shopId: DEFAULT_SHOP, orderId, cartId: 'c1', lines, total },
};
const payOrder = { type: 'PayOrder' as const, data: { shopId: DEFAULT_SHOP, orderId } };
const shipOrder = { type: 'ShipOrder' as const, data: { shopId: DEFAULT_SHOP, orderId } };
const deliverOrder = { type: 'DeliverOrder' as const, data: { shopId: DEFAULT_SHOP, orderId } };
const cancelOrder = {
  type: 'CancelOrder' as const,
  data: { shopId: DEFAULT_SHOP, orderId, reason: 'Changed my mind' },
};

// Events leave the shop out: their stream is in it.
const placed: OrderEvent = { type: 'OrderPlaced', data: { orderId, cartId: 'c1', lines, total } };
const paid: OrderEvent = { type: 'OrderPaid', data: { orderId, amount: total } };
const shipped: OrderEvent = { type: 'OrderShipped', data: { orderId } };
const delivered: OrderEvent = { type: 'OrderDelivered', data: { orderId } };
const cancelled: OrderEvent = {
  type: 'OrderCancelled',
  data: { orderId, reason: 'Changed my mind' },
};
const refund = (amount: number) => ({
  type: 'RefundOrder' as const,
  data: { shopId: DEFAULT_SHOP, orderId, amount, reason: 'Cold coffee' },
});
const refunded = (amount: number): OrderEvent => ({
  type: 'OrderRefunded',
  data: { orderId, amount, reason: 'Cold coffee' },
});

describe('order', () => {
  it('streams each order by its id', () => {
    expect(order.streamOf(payOrder)).toBe('order-o1');
  });

  describe('PlaceOrder', () => {
    it('places an order', () => {
      spec.given([]).when(placeOrder).then([placed]);
    });

    it('places an order only once', () => {
      spec.given([placed]).when(placeOrder).thenRejects('already been placed');
    });

    it('rejects an order without lines', () => {
      spec
        .given([])
        .when({ ...placeOrder, data: { ...placeOrder.data, lines: [], total: 0 } })
        .thenRejects('at least one line');
    });

    it('rejects a total that does not match the lines', () => {
      spec
        .given([])
        .when({ ...placeOrder, data: { ...placeOrder.data, total: 1000 } })
        .thenRejects('total does not match');
    });
  });

  describe('PayOrder', () => {
    it('pays a placed order in full', () => {
      spec.given([placed]).when(payOrder).then([paid]);
    });

    it('rejects paying an order that was never placed', () => {
      spec.given([]).when(payOrder).thenRejects('has not been placed');
    });

    it('rejects paying twice', () => {
      spec.given([placed, paid]).when(payOrder).thenRejects('already paid');
    });
  });

  describe('ShipOrder', () => {
    it('ships a paid order', () => {
      spec.given([placed, paid]).when(shipOrder).then([shipped]);
    });

    it('rejects shipping before payment', () => {
      spec.given([placed]).when(shipOrder).thenRejects('An order cannot ship before it is paid');
    });

    it('rejects shipping twice', () => {
      spec.given([placed, paid, shipped]).when(shipOrder).thenRejects('already shipped');
    });
  });

  describe('DeliverOrder', () => {
    it('delivers a shipped order', () => {
      spec.given([placed, paid, shipped]).when(deliverOrder).then([delivered]);
    });

    it.each([
      ['placed', [placed]],
      ['paid', [placed, paid]],
    ])('rejects delivering a %s order', (_status, history) => {
      spec.given(history).when(deliverOrder).thenRejects('Only a shipped order');
    });
  });

  describe('RefundOrder (a compensating event)', () => {
    it('pays back part of a paid order, even after delivery or cancellation', () => {
      spec
        .given([placed, paid])
        .when(refund(300))
        .then([refunded(300)]);
      spec
        .given([placed, paid, shipped, delivered])
        .when(refund(920))
        .then([refunded(920)]);
      spec
        .given([placed, paid, cancelled])
        .when(refund(920))
        .then([refunded(920)]);
    });

    it('never pays back more than was paid', () => {
      spec
        .given([placed, paid, refunded(900)])
        .when(refund(21))
        .thenRejects('€0.20 left');
    });

    it('refunds only a paid order', () => {
      spec.given([placed]).when(refund(100)).thenRejects('Only a paid order can be refunded');
      spec.given([]).when(refund(100)).thenRejects('Only a paid order can be refunded');
    });

    it('lets a partly refunded order go on', () => {
      spec
        .given([placed, paid, refunded(300)])
        .when(shipOrder)
        .then([shipped]);
      spec
        .given([placed, paid, refunded(300)])
        .when(refund(620))
        .then([refunded(620)]);
    });

    it('ends the order once everything paid is paid back, in one refund or several', () => {
      const fold = (history: OrderEvent[]) => history.reduce(order.evolve, order.initialState());
      const ended = { status: 'refunded', total, paid: total, refunded: total };
      expect(fold([placed, paid, refunded(total)])).toEqual(ended);
      expect(fold([placed, paid, refunded(300), refunded(620)])).toEqual(ended);
      expect(fold([placed, paid, shipped, delivered, refunded(total)])).toEqual(ended);
    });
  });

  describe('CancelOrder', () => {
    it.each([
      ['placed', [placed]],
      ['paid', [placed, paid]],
    ])('cancels a %s order', (_status, history) => {
      spec.given(history).when(cancelOrder).then([cancelled]);
    });

    it('rejects cancelling a shipped order', () => {
      spec.given([placed, paid, shipped]).when(cancelOrder).thenRejects('once it has shipped');
    });

    it('rejects cancelling an order that was never placed', () => {
      spec.given([]).when(cancelOrder).thenRejects('has not been placed');
    });

    it('needs a reason', () => {
      const parsed = orderCommands.CancelOrder.safeParse({ orderId, reason: '  ' });
      expect(parsed.success).toBe(false);
    });
  });

  describe('after the end', () => {
    const afterCancel = [placed, cancelled];
    const afterDelivery = [placed, paid, shipped, delivered];

    it.each([payOrder, shipOrder, deliverOrder, cancelOrder])(
      'rejects $type on a cancelled order',
      (command) => {
        spec.given(afterCancel).when(command).thenRejects('The order is cancelled');
      },
    );

    it.each([payOrder, shipOrder, deliverOrder, cancelOrder])(
      'rejects $type on a delivered order',
      (command) => {
        spec.given(afterDelivery).when(command).thenRejects('already delivered');
      },
    );

    it.each([payOrder, shipOrder, deliverOrder, cancelOrder, refund(1)])(
      'rejects $type on a refunded order',
      (command) => {
        spec
          .given([placed, paid, refunded(total)])
          .when(command)
          .thenRejects('The order has been refunded');
      },
    );

    it('rejects delivering a shipped order refunded in full', () => {
      spec
        .given([placed, paid, shipped, refunded(300), refunded(620)])
        .when(deliverOrder)
        .thenRejects('The order has been refunded');
    });

    it.each([
      ['cancelled', afterCancel],
      ['delivered', afterDelivery],
      ['refunded', [placed, paid, refunded(total)]],
    ])('rejects placing a %s order again', (_status, history) => {
      spec.given(history).when(placeOrder).thenRejects('already been placed');
    });
  });
});
