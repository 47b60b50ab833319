import { shortId } from '../../domain/format';
import type { HistoryTarget } from '../history/HistoryDialog';
import { useList } from '../shop';
import { OrderCard } from './OrderCard';
import { ReadProblem } from './ReadProblem';

export function OrdersPanel({ onShowHistory }: { onShowHistory: (target: HistoryTarget) => void }) {
  const orders = useList('orders', { reverse: true });
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
                  stream: `order-${order.orderId}`,
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
