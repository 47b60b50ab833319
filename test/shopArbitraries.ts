import fc from 'fast-check';
import { catalog } from '../src/demo/domain/catalog';
import type { ShopCommand } from '../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../src/demo/domain/shops';
import { addItem, type Item } from './shopFixtures';

export interface ShopCommandSpace {
  cartIds?: string[];
  orderIds?: string[];
  /** How many catalog products commands pick from. */
  products?: number;
  quantity?: { min: number; max: number };
}

/**
 * Random shop commands over a few carts and orders, so they collide; some break rules (a zero
 * quantity, a product not in the cart, paying an order never placed), as real use does.
 */
export function shopCommands({
  cartIds = ['c1', 'c2'],
  orderIds = ['o1', 'o2'],
  products = 4,
  quantity = { min: 0, max: 4 },
}: ShopCommandSpace = {}): fc.Arbitrary<ShopCommand> {
  const cartId = fc.constantFrom(...cartIds);
  const orderId = fc.constantFrom(...orderIds);
  const shopId = fc.constant(DEFAULT_SHOP);
  const item = fc
    .constantFrom(...catalog.slice(0, products))
    .map(({ id, name, unitPrice }) => ({ productId: id, name, unitPrice }));
  const count = fc.integer(quantity);
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(cartId, item, count).map(([c, i, q]) => addItem(c, i, q)) },
    {
      weight: 2,
      arbitrary: fc.tuple(cartId, item, count).map(([c, i, q]) => ({
        type: 'ChangeQuantity' as const,
        data: { shopId: DEFAULT_SHOP, cartId: c, productId: i.productId, quantity: q },
      })),
    },
    fc.tuple(cartId, item).map(([c, i]) => ({
      type: 'RemoveItem' as const,
      data: { shopId: DEFAULT_SHOP, cartId: c, productId: i.productId },
    })),
    {
      weight: 2,
      arbitrary: fc
        .record({ shopId, cartId, orderId })
        .map((data) => ({ type: 'CheckOut' as const, data })),
    },
    fc.record({ shopId, orderId }).map((data) => ({ type: 'PayOrder' as const, data })),
    fc.record({ shopId, orderId }).map((data) => ({ type: 'ShipOrder' as const, data })),
    fc.record({ shopId, orderId }).map((data) => ({ type: 'DeliverOrder' as const, data })),
    fc.record({ shopId, orderId }).map((data) => ({
      type: 'CancelOrder' as const,
      data: { ...data, reason: 'changed my mind' },
    })),
  );
}

/** A catalog product as tests name it, by its id. */
export function catalogItem(productId: string): Item {
  const product = catalog.find((candidate) => candidate.id === productId);
  if (!product) throw new Error(`no product ${productId} in the catalog`);
  return { productId, name: product.name, unitPrice: product.unitPrice };
}
