import { formatMoney } from '../format';
import type { StreamView } from './streamViews';

/** A cart or an order as it stood: its lines, total and status, as the shop's panels show them. */
export function StreamViewCard({ state }: { state: StreamView | undefined }) {
  if (!state) return <p className="muted">Nothing yet.</p>;
  const { view } = state;
  const status = state.kind === 'cart' ? state.view.status : state.view.status;
  return (
    <div className="snapshot" data-testid="snapshot">
      <div className="snapshot-head">
        <strong>{state.kind === 'cart' ? 'Cart' : 'Order'}</strong>
        <span className={`badge status-${status}`}>{status}</span>
      </div>
      {view.lines.length === 0 ? (
        <p className="muted">No items.</p>
      ) : (
        <ul className="snapshot-lines">
          {view.lines.map((line) => (
            <li key={line.productId}>
              <span>
                {line.quantity} × {line.name}
              </span>
              <span>{formatMoney(line.lineTotal)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="snapshot-total">
        <span>Total</span> <strong>{formatMoney(view.total)}</strong>
      </p>
      {state.kind === 'order' && state.view.paid > 0 && (
        <p className="muted">
          Paid {formatMoney(state.view.paid)}
          {state.view.refunded > 0 && `, refunded ${formatMoney(state.view.refunded)}`}
        </p>
      )}
    </div>
  );
}
