import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';

describe('the shop after prices became money values', () => {
  it('still reads carts recorded when ItemAdded carried bare cents (v1)', async () => {
    const before = await openStore({
      name: 'shop-v1',
      domain: defineDomain({ aggregates: [], projections: [] }),
    });
    await before.append('cart-c1', [
      {
        type: 'ItemAdded',
        data: {
          cartId: 'c1',
          productId: 'flat-white',
          name: 'Flat white',
          unitPrice: 340,
          quantity: 2,
        },
        metadata: { schemaVersion: 1 },
      },
    ]);
    await before.close();

    const store = await openStore({ name: 'shop-v1', domain: shopDomain });
    const [stored] = await store.readStream('cart-c1');
    expect(stored).toMatchObject({
      data: { price: { amount: 340, currency: 'EUR' }, quantity: 2 },
      metadata: { schemaVersion: 2 },
    });
    expect(await store.get('carts', 'c1')).toMatchObject({ total: 680, itemCount: 2 });
    await store.execute(
      addItem('c1', { productId: 'espresso', name: 'Espresso', unitPrice: 240 }, 1),
    );
    await store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' },
    });
    expect(await store.get('orders', 'o1')).toMatchObject({ status: 'placed', total: 920 });
    const activity = await store.list('activity', { index: 'stream', equals: 'cart-c1' });
    expect(activity[0]).toMatchObject({ summary: expect.stringContaining('Flat white') });
  });

  it('refuses prices in another currency with the rule’s reason', async () => {
    const store = await openStore({ name: 'shop-usd', domain: shopDomain });
    await expect(
      store.execute({
        type: 'AddItem',
        data: {
          shopId: DEFAULT_SHOP,
          cartId: 'c1',
          productId: 'x',
          name: 'X',
          price: { amount: 100, currency: 'USD' },
          quantity: 1,
        },
      }),
    ).rejects.toMatchObject({
      name: 'CommandRejectedError',
      reason: 'Prices must be in EUR, not USD',
    });
  });
});
