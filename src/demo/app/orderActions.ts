import { order } from '../domain/order';
import type { OrderView, ShopCommand, ShopId } from '../domain/shop';

export type OrderAction = { label: string; command: ShopCommand };

const CANCEL_REASON = 'Cancelled from the shop';
const REFUND_REASON = 'Refunded from the shop';

/**
 * The actions the order's own rules allow now: each candidate is put to the decider, and only
 * those it would accept are offered. The rules live in the domain alone.
 */
export function allowedOrderActions(view: OrderView): OrderAction[] {
  const { orderId } = view;
  const shopId = view.shopId as ShopId;
  const candidates: OrderAction[] = [
    { label: 'Pay', command: { type: 'PayOrder', data: { shopId, orderId } } },
    { label: 'Ship', command: { type: 'ShipOrder', data: { shopId, orderId } } },
    { label: 'Deliver', command: { type: 'DeliverOrder', data: { shopId, orderId } } },
    {
      label: 'Cancel',
      command: { type: 'CancelOrder', data: { shopId, orderId, reason: CANCEL_REASON } },
    },
    {
      label: 'Refund',
      command: {
        type: 'RefundOrder',
        data: {
          shopId,
          orderId,
          amount: Math.max(1, view.paid - view.refunded),
          reason: REFUND_REASON,
        },
      },
    },
  ];
  const state = {
    status: view.status,
    total: view.total,
    paid: view.paid,
    refunded: view.refunded,
  };
  return candidates.filter(({ command }) => {
    try {
      order.decide(command as Parameters<typeof order.decide>[0], state);
      return true;
    } catch {
      return false;
    }
  });
}
