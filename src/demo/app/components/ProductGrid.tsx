import { catalog } from '../../domain/catalog';
import { formatMoney } from '../format';
import { useCommand } from '../shop';
import type { OpenCart } from '../useOpenCart';
import { ErrorMessage } from './ErrorMessage';

export function ProductGrid({ cart }: { cart: OpenCart }) {
  const { execute, error, reset } = useCommand();
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
              <span className="price">{formatMoney(product.unitPrice)}</span>
              <button
                type="button"
                aria-label={`Add ${product.name}`}
                onClick={() =>
                  execute({
                    type: 'AddItem',
                    data: {
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
