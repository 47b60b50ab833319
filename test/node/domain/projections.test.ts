import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ViewOf } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { replayProjection } from '../../../src/core/projection';
import type { CartEvent } from '../../../src/demo/domain/cart';
import type { OrderEvent } from '../../../src/demo/domain/order';
import { activity } from '../../../src/demo/domain/projections/activity';
import { carts } from '../../../src/demo/domain/projections/carts';
import { orders } from '../../../src/demo/domain/projections/orders';
import type {
  ActivityEntry,
  CartView,
  OrderView,
  ShopDomain,
  ShopEvent,
} from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { addItemData } from '../../shopFixtures';

const startedAt = Date.UTC(2025, 0, 6, 9, 0);
const secondsIn = (n: number) => startedAt + n * 1000;

/** Order events go to the order's stream, cart events (`CartCheckedOut` too) to the cart's. */
function streamOf({ type, data }: ShopEvent): string {
  if (type.startsWith('Order') && 'orderId' in data) return `order-${data.orderId}`;
  if ('cartId' in data) return `cart-${data.cartId}`;
  throw new Error(`No stream for ${type}`);
}

/** Records events as the store would: versions per stream, positions and times in order. */
function recorded<E extends ShopEvent>(...events: E[]): RecordedEvent<E>[] {
  const versions = new Map<string, number>();
  return events.map((event, index) => {
    const stream = streamOf(event);
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    return {
      ...event,
      id: `event-${index + 1}`,
      stream,
      version,
      position: index + 1,
      metadata: {
        recordedAt: secondsIn(index),
        clientId: 'till-1',
        commandId: null,
        correlationId: null,
        causationId: null,
        schemaVersion: 1,
      },
    } as RecordedEvent<E>;
  });
}

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const bun = { productId: 'cardamom-bun', name: 'Cardamom bun', unitPrice: 325 };
const added = (cartId: string, item: typeof flatWhite, quantity: number): CartEvent => ({
  type: 'ItemAdded',
  data: addItemData(cartId, item, quantity),
});
const lines = [
  { ...flatWhite, quantity: 2 },
  { ...bun, quantity: 1 },
];
const orderId = '0194412c-5e00-7000-8000-00000000beef';
const checkedOut: CartEvent = {
  type: 'CartCheckedOut',
  data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId, lines, total: 1005 },
};
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { orderId, cartId: 'c1', lines, total: 1005 },
};
const paid: OrderEvent = { type: 'OrderPaid', data: { orderId, amount: 1005 } };
const shipped: OrderEvent = { type: 'OrderShipped', data: { orderId } };
const delivered: OrderEvent = { type: 'OrderDelivered', data: { orderId } };
const cancelled: OrderEvent = {
  type: 'OrderCancelled',
  data: { orderId, reason: 'Out of oat milk' },
};

describe('carts projection', () => {
  const cartAfter = (...events: CartEvent[]) => replayProjection(carts, recorded(...events));

  it('keeps lines, item count and total, adding to a product already in the cart', () => {
    const views = cartAfter(
      added('c1', flatWhite, 2),
      added('c1', bun, 1),
      added('c1', flatWhite, 1),
    );
    expect(views.get('c1')).toEqual<CartView>({
      shopId: DEFAULT_SHOP,
      cartId: 'c1',
      status: 'open',
      orderId: null,
      lines: [
        { ...flatWhite, quantity: 3, lineTotal: 1020 },
        { ...bun, quantity: 1, lineTotal: 325 },
      ],
      itemCount: 4,
      total: 1345,
      updatedAt: secondsIn(2),
    });
  });

  it('recomputes totals when a quantity changes', () => {
    const views = cartAfter(added('c1', flatWhite, 2), {
      type: 'QuantityChanged',
      data: { cartId: 'c1', productId: 'flat-white', name: 'Flat white', quantity: 5 },
    });
    expect(views.get('c1')).toMatchObject({
      lines: [{ ...flatWhite, quantity: 5, lineTotal: 1700 }],
      itemCount: 5,
      total: 1700,
      updatedAt: secondsIn(1),
    });
  });

  it('drops the line of a removed item', () => {
    const views = cartAfter(added('c1', flatWhite, 2), added('c1', bun, 1), {
      type: 'ItemRemoved',
      data: { cartId: 'c1', productId: 'flat-white', name: 'Flat white' },
    });
    expect(views.get('c1')).toMatchObject({
      lines: [{ ...bun, quantity: 1, lineTotal: 325 }],
      itemCount: 1,
      total: 325,
    });
  });

  it('marks a checked-out cart with its order, listable by status', () => {
    const view = cartAfter(added('c1', flatWhite, 2), added('c1', bun, 1), checkedOut).get('c1');
    expect(view).toMatchObject({ status: 'checked-out', orderId, total: 1005 });
    expect(view && carts.indexes?.status?.(view)).toBe('checked-out');
  });

  it('keeps one view per cart', () => {
    const views = cartAfter(added('c1', flatWhite, 1), added('c2', bun, 2));
    expect([...views.keys()]).toEqual(['c1', 'c2']);
    expect(views.get('c2')?.total).toBe(650);
  });
});

describe('orders projection', () => {
  const orderAfter = (...events: OrderEvent[]) =>
    replayProjection(orders, recorded(...events)).get(orderId);

  it('shows a placed order with its priced lines', () => {
    expect(orderAfter(placed)).toEqual<OrderView>({
      shopId: DEFAULT_SHOP,
      orderId,
      cartId: 'c1',
      status: 'placed',
      lines: [
        { ...flatWhite, quantity: 2, lineTotal: 680 },
        { ...bun, quantity: 1, lineTotal: 325 },
      ],
      total: 1005,
      placedAt: secondsIn(0),
      updatedAt: secondsIn(0),
      cancelReason: null,
      paid: 0,
      refunded: 0,
    });
  });

  const refunded = (amount: number): OrderEvent => ({
    type: 'OrderRefunded',
    data: { orderId, amount, reason: 'Spilt' },
  });

  it('records a refund as a compensating event, the payment staying as it was', () => {
    expect(orderAfter(placed, paid, refunded(400))).toMatchObject({
      status: 'paid',
      paid: 1005,
      refunded: 400,
    });
  });

  it('shows an order paid back in full as refunded, with both amounts, listable by status', () => {
    const view = orderAfter(placed, paid, refunded(400), refunded(605));
    expect(view).toMatchObject({ status: 'refunded', paid: 1005, refunded: 1005 });
    expect(view && orders.indexes?.status?.(view)).toBe('refunded');
    expect(orderAfter(placed, paid, shipped, delivered, refunded(1005))).toMatchObject({
      status: 'refunded',
      paid: 1005,
      refunded: 1005,
      updatedAt: secondsIn(4),
    });
  });

  it('follows the order to delivery, keeping when it was placed', () => {
    expect(orderAfter(placed, paid)?.status).toBe('paid');
    expect(orderAfter(placed, paid, shipped)?.status).toBe('shipped');
    const view = orderAfter(placed, paid, shipped, delivered);
    expect(view).toMatchObject({
      status: 'delivered',
      placedAt: secondsIn(0),
      updatedAt: secondsIn(3),
    });
    expect(view && orders.indexes?.status?.(view)).toBe('delivered');
  });

  it('keeps the reason of a cancellation', () => {
    expect(orderAfter(placed, paid, cancelled)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Out of oat milk',
    });
  });

  it('makes no view for an order it never saw placed', () => {
    expect(orderAfter(paid)).toBeUndefined();
  });
});

describe('activity projection', () => {
  const history = recorded<ShopEvent>(
    added('c1', flatWhite, 2),
    {
      type: 'QuantityChanged',
      data: { cartId: 'c1', productId: 'flat-white', name: 'Flat white', quantity: 3 },
    },
    added('c1', bun, 1),
    {
      type: 'ItemRemoved',
      data: { cartId: 'c1', productId: 'cardamom-bun', name: 'Cardamom bun' },
    },
    checkedOut,
    placed,
    paid,
    shipped,
    delivered,
    cancelled,
  );
  const entries = [...replayProjection(activity, history).values()];

  it('says every event in words', () => {
    expect(entries.map((entry) => entry.summary)).toEqual([
      'Added 2 x Flat white',
      'Changed Flat white to 3',
      'Added 1 x Cardamom bun',
      'Removed Cardamom bun',
      'Checked out 3 items (€10.05)',
      'Placed order #00beef (€10.05)',
      'Paid order #00beef (€10.05)',
      'Shipped order #00beef',
      'Delivered order #00beef',
      'Cancelled order #00beef: Out of oat milk',
    ]);
  });

  it('keeps one entry per event, with where and when it happened', () => {
    expect(entries[0]).toEqual<ActivityEntry>({
      eventId: 'event-1',
      stream: 'cart-c1',
      version: 1,
      type: 'ItemAdded',
      at: secondsIn(0),
      clientId: 'till-1',
      summary: 'Added 2 x Flat white',
    });
    expect(entries.map((entry) => entry.eventId)).toEqual(history.map((event) => event.id));
  });

  it('lists entries by stream', () => {
    const streams = entries.map((entry) => activity.indexes?.stream?.(entry));
    expect(new Set(streams)).toEqual(new Set(['cart-c1', `order-${orderId}`]));
  });
});

describe('shop domain types', () => {
  it('derives each view type from its projection', () => {
    expectTypeOf<ViewOf<ShopDomain, 'carts'>>().toEqualTypeOf<CartView>();
    expectTypeOf<ViewOf<ShopDomain, 'orders'>>().toEqualTypeOf<OrderView>();
    expectTypeOf<ViewOf<ShopDomain, 'activity'>>().toEqualTypeOf<ActivityEntry>();
  });
});
