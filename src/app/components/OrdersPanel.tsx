import { shortId } from '../../domain/format';
import { useList } from '../shop';
import { OrderCard } from './OrderCard';

export function OrdersPanel({
  onShowHistory,
}: {
  onShowHistory: (target: { stream: string; title: string }) => void;
}) {
  const orders = useList('orders', { reverse: true });
  return (
    <section className="panel orders" aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
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
        <p className="empty">No orders yet. Check out a cart to place one.</p>
      )}
    </section>
  );
}
