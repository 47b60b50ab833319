import { useEffect, useState } from 'react';
import { catalog, type Product } from '../../domain/catalog';
import { formatMoney } from '../format';
import { useShop } from '../signin/session';
import type { OpenCart } from '../useOpenCart';
import { useShopCommand } from '../useShopCommand';
import { ErrorMessage } from './ErrorMessage';

/** How long an Add button says "Added" after its item went into the cart. */
const ADDED_FOR_MS = 1500;

export function ProductGrid({ cart }: { cart: OpenCart }) {
  const { execute, error, reset } = useShopCommand();
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
              <span className="price">{formatMoney(product.unitPrice)}</span>
              <AddButton
                product={product}
                add={() =>
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
                  })
                }
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Add, saying "Added ✓" for a moment once the item is in the cart: on a phone the cart is out of sight. */
function AddButton({ product, add }: { product: Product; add: () => Promise<unknown> }) {
  const [added, setAdded] = useState(0);
  useEffect(() => {
    if (added === 0) return;
    const timer = setTimeout(() => setAdded(0), ADDED_FOR_MS);
    return () => clearTimeout(timer);
  }, [added]);
  return (
    <button
      type="button"
      className={added ? 'added' : undefined}
      aria-label={`Add ${product.name}`}
      onClick={() =>
        add().then(
          () => setAdded((count) => count + 1),
          () => undefined,
        )
      }
    >
      <span aria-live="polite">{added ? 'Added ✓' : 'Add'}</span>
    </button>
  );
}
