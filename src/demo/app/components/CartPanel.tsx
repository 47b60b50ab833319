import { v7 as uuidv7 } from 'uuid';
import { cartStream } from '../../domain/shops';
import { formatMoney } from '../format';
import type { HistoryTarget } from '../history/HistoryDialog';
import { useShop } from '../signin/session';
import type { OpenCart } from '../useOpenCart';
import { useShopCommand } from '../useShopCommand';
import { CartLine } from './CartLine';
import { ErrorMessage } from './ErrorMessage';
import { ReadProblem } from './ReadProblem';

export function CartPanel({
  cart,
  onShowHistory,
}: {
  cart: OpenCart;
  onShowHistory: (target: HistoryTarget) => void;
}) {
  const { execute, pending, error, reset } = useShopCommand();
  const { shopId } = useShop();
  const send = (command: Parameters<typeof execute>[0]) => execute(command).catch(() => undefined);
  const { cartId, view } = cart;
  const lines = view?.lines ?? [];

  const checkOut = async () => {
    const result = await send({ type: 'CheckOut', data: { shopId, cartId, orderId: uuidv7() } });
    if (result) cart.startNew();
  };

  return (
    <section className="panel cart" aria-labelledby="cart-title">
      <div className="panel-head">
        <h2 id="cart-title">Your cart</h2>
        {view && (
          <button
            type="button"
            className="link"
            onClick={() =>
              onShowHistory({ stream: cartStream(shopId, cartId), title: 'Cart history' })
            }
          >
            History
          </button>
        )}
      </div>
      <ErrorMessage error={error} onDismiss={reset} />
      <ReadProblem error={cart.problem} />
      {lines.length === 0 ? (
        <p className="empty">Your cart is empty. Add something from the menu.</p>
      ) : (
        <ul className="cart-lines">
          {lines.map((line) => (
            <CartLine
              key={line.productId}
              line={line}
              disabled={pending}
              onQuantity={(quantity) =>
                // Typed text is sent as typed: the store's schema refuses it with a named error.
                send({
                  type: 'ChangeQuantity',
                  data: { shopId, cartId, productId: line.productId, quantity: quantity as number },
                })
              }
              onRemove={() =>
                send({ type: 'RemoveItem', data: { shopId, cartId, productId: line.productId } })
              }
            />
          ))}
        </ul>
      )}
      <div className="cart-foot">
        <div>
          <span className="muted">
            {view?.itemCount ?? 0} {view?.itemCount === 1 ? 'item' : 'items'}
          </span>
          <strong className="total" data-testid="cart-total">
            {formatMoney(view?.total ?? 0)}
          </strong>
        </div>
        <button type="button" disabled={lines.length === 0 || pending} onClick={checkOut}>
          Check out
        </button>
      </div>
    </section>
  );
}
