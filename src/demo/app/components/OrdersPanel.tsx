import { shortId } from '../../domain/format';
import { orderStream } from '../../domain/shops';
import type { HistoryTarget } from '../history/HistoryDialog';
import { useList } from '../shop';
import { useShop } from '../signin/session';
import { OrderCard } from './OrderCard';
import { ReadProblem } from './ReadProblem';

export function OrdersPanel({ onShowHistory }: { onShowHistory: (target: HistoryTarget) => void }) {
  const { shopId } = useShop();
  const orders = useList('orders', { index: 'shop', equals: shopId, reverse: true });
  return (
    <section className="panel orders" aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <ReadProblem error={orders.error} />
      {orders.data?.length ? (
        <ul className="order-list">
          {orders.data.map((order) => (
            <OrderCard
              key={order.orderId}
              order={order}
              onShowHistory={() =>
                onShowHistory({
                  stream: orderStream(order.shopId, order.orderId),
                  title: `Order ${shortId(order.orderId)} history`,
                })
              }
            />
          ))}
        </ul>
      ) : (
        orders.status === 'ready' && (
          <p className="empty">No orders yet. Check out a cart to place one.</p>
        )
      )}
    </section>
  );
}
