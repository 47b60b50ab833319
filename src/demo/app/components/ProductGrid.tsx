import { catalog } from '../../domain/catalog';
import { formatCents } from '../../domain/format';
import { useCommand } from '../shop';
import { useShop } from '../signin/session';
import type { OpenCart } from '../useOpenCart';
import { ErrorMessage } from './ErrorMessage';

export function ProductGrid({ cart }: { cart: OpenCart }) {
  const { execute, error, reset } = useCommand();
  const { shopId } = useShop();
  return (
    <section className="panel products" aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <ErrorMessage error={error} onDismiss={reset} />
      <ul className="product-grid">
        {catalog.map((product) => (
          <li key={product.id} className="product">
            <div>
              <h3>{product.name}</h3>
              <p>{product.description}</p>
            </div>
            <div className="product-foot">
              <span className="price">{formatCents(product.unitPrice)}</span>
              <button
                type="button"
                aria-label={`Add ${product.name}`}
                onClick={() =>
                  execute({
                    type: 'AddItem',
                    data: {
                      shopId,
                      cartId: cart.cartId,
                      productId: product.id,
                      name: product.name,
                      price: { amount: product.unitPrice, currency: 'EUR' },
                      quantity: 1,
                    },
                  }).catch(() => undefined)
                }
              >
                Add
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
