import { afterEach, describe, expect, it } from 'vitest';
import { isLogbookError } from '../../../src/core/errors';
import type { LogbookStore } from '../../../src/core/store';
import { type ShopCommand, type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';

let opened = 0;
let store: LogbookStore<ShopDomain>;

async function openShop(): Promise<LogbookStore<ShopDomain>> {
  store = await openStore({ name: `shop-domain-${Date.now()}-${++opened}`, domain: shopDomain });
  return store;
}

afterEach(() => store?.close());

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const bun = { productId: 'cardamom-bun', name: 'Cardamom bun', unitPrice: 325 };

const add = (item: typeof flatWhite, quantity: number): ShopCommand =>
  addItem('c1', item, quantity);

describe('the shop domain in a store', () => {
  it('checking out places the order in the same command', async () => {
    const shop = await openShop();
    await shop.execute(add(flatWhite, 2));
    await shop.execute(add(bun, 1));
    const result = await shop.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' },
    });

    expect(result.events.map((event) => `${event.stream} ${event.type}`)).toEqual([
      'cart-c1 CartCheckedOut',
      'order-o1 OrderPlaced',
    ]);
    expect(await shop.get('carts', 'c1')).toMatchObject({ status: 'checked-out', orderId: 'o1' });
    expect(await shop.get('orders', 'o1')).toMatchObject({
      status: 'placed',
      cartId: 'c1',
      total: 2 * 340 + 325,
    });
    expect(await shop.list('activity', { index: 'stream', equals: 'order-o1' })).toHaveLength(1);
  });

  it('rejects a quantity that is not a number with a ValidationError, a bad one as a rule', async () => {
    const shop = await openShop();
    const { data } = add(flatWhite, 1);
    const text = {
      type: 'AddItem',
      data: { ...data, quantity: 'two' },
    } as unknown as ShopCommand;
    const invalid = await shop.execute(text).catch((error: unknown) => error);
    expect(isLogbookError(invalid, 'ValidationError')).toBe(true);

    const rejected = await shop.execute(add(flatWhite, 0)).catch((error: unknown) => error);
    expect(rejected).toMatchObject({
      name: 'CommandRejectedError',
      reason: 'Quantity must be a whole number of at least 1',
      commandType: 'AddItem',
    });
  });
});
