import { shortId } from '../../domain/format';
import type { OrderView } from '../../domain/shop';
import { formatMoney, formatTime } from '../format';
import { allowedOrderActions } from '../orderActions';
import { useShopCommand } from '../useShopCommand';
import { ErrorMessage } from './ErrorMessage';

export function OrderCard({
  order,
  onShowHistory,
}: {
  order: OrderView;
  onShowHistory: () => void;
}) {
  const { execute, pending, error, reset } = useShopCommand();
  const label = `Order ${shortId(order.orderId)}`;
  return (
    <li className="order" aria-label={label}>
      <div className="order-head">
        <strong>{label}</strong>
        <span className={`badge status-${order.status}`} data-testid="order-status">
          {order.status}
        </span>
      </div>
      <p className="muted">
        {order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')}
      </p>
      <p className="order-meta">
        <strong>{formatMoney(order.total)}</strong>
        <span className="muted">placed {formatTime(order.placedAt)}</span>
      </p>
      {order.paid > 0 && (
        <p className="order-meta muted">
          <span data-testid="order-paid">Paid {formatMoney(order.paid)}</span>
          {order.refunded > 0 && (
            <span data-testid="order-refunded">Refunded {formatMoney(order.refunded)}</span>
          )}
        </p>
      )}
      {order.cancelReason && <p className="muted">Reason: {order.cancelReason}</p>}
      <ErrorMessage error={error} onDismiss={reset} />
      <div className="actions">
        {allowedOrderActions(order).map((action) => (
          <button
            key={action.label}
            type="button"
            className={action.label === 'Cancel' ? 'secondary' : undefined}
            disabled={pending}
            onClick={() => execute(action.command).catch(() => undefined)}
          >
            {action.label}
          </button>
        ))}
        <button type="button" className="link" onClick={onShowHistory}>
          History
        </button>
      </div>
    </li>
  );
}
