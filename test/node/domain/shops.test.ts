import { afterEach, describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import type { LogbookStore } from '../../../src/core/store';
import { type ShopCommand, type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP, type ShopId } from '../../../src/demo/domain/shops';
import { PEOPLE } from '../../../src/demo/people';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';

let opened = 0;
let store: LogbookStore<ShopDomain> | undefined;
const openShop = async () => {
  store = await openStore({ name: `shops-${++opened}`, domain: shopDomain });
  return store;
};
afterEach(() => store?.close());

const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
const bun = { productId: 'cardamom-bun', name: 'Cardamom bun', unitPrice: 325 };

/** Every command type of both aggregates, in `shopId`: two carts, two orders. */
function everyCommandIn(shopId: ShopId): ShopCommand[] {
  const [c1, c2, o1, o2] = ['c1', 'c2', 'o1', 'o2'].map((id) => `${shopId}-${id}`) as [
    string,
    string,
    string,
    string,
  ];
  return [
    addItem(c1, espresso, 2, shopId),
    addItem(c1, bun, 1, shopId),
    { type: 'ChangeQuantity', data: { shopId, cartId: c1, productId: 'espresso', quantity: 3 } },
    { type: 'RemoveItem', data: { shopId, cartId: c1, productId: 'cardamom-bun' } },
    { type: 'CheckOut', data: { shopId, cartId: c1, orderId: o1 } },
    { type: 'PayOrder', data: { shopId, orderId: o1 } },
    { type: 'ShipOrder', data: { shopId, orderId: o1 } },
    { type: 'DeliverOrder', data: { shopId, orderId: o1 } },
    { type: 'RefundOrder', data: { shopId, orderId: o1, amount: 720, reason: 'cold' } },
    addItem(c2, bun, 1, shopId),
    { type: 'CheckOut', data: { shopId, cartId: c2, orderId: o2 } },
    { type: 'CancelOrder', data: { shopId, orderId: o2, reason: 'changed my mind' } },
  ];
}

const shopsOfPeople = [...new Set(PEOPLE.flatMap((person) => person.shops))];

describe('each shop is a sync scope', () => {
  it('puts every stream of both aggregates in the shop its command names', async () => {
    const shop = await openShop();
    for (const shopId of shopsOfPeople) {
      for (const command of everyCommandIn(shopId)) await shop.execute(command);
    }
    const { events } = await shop.readAll({ limit: 1000 });
    const byShop = new Map<string, typeof events>();
    for (const event of events) {
      const shopId = shopDomain.scopeOf(event.stream);
      byShop.set(shopId, [...(byShop.get(shopId) ?? []), event]);
    }
    expect([...byShop.keys()]).toEqual(shopsOfPeople);
    for (const shopId of shopsOfPeople) {
      const streams = new Set(byShop.get(shopId)?.map((event) => event.stream));
      expect([...streams]).toEqual(
        ['cart-c1', 'order-o1', 'cart-c2', 'order-o2'].map((name) => {
          const [kind, id] = name.split('-') as [string, string];
          return `${shopId}/${kind}-${shopId}-${id}`;
        }),
      );
      // The twelve commands' events and the two orders the check-outs placed, in this shop.
      expect(byShop.get(shopId)).toHaveLength(14);
    }
  });

  it('shows each cart and order with its shop, and lists one shop’s open carts and orders', async () => {
    const shop = await openShop();
    await shop.execute(addItem('a', espresso, 1, 'shop-ada'));
    await shop.execute(addItem('b', espresso, 1, 'shop-ben'));
    await shop.execute(addItem('s', espresso, 1, 'shop-shared'));
    await shop.execute({
      type: 'CheckOut',
      data: { shopId: 'shop-ada', cartId: 'a', orderId: 'oa' },
    });

    expect(await shop.get('carts', 'b')).toMatchObject({ shopId: 'shop-ben', status: 'open' });
    expect(await shop.get('orders', 'oa')).toMatchObject({ shopId: 'shop-ada', cartId: 'a' });
    const openIn = async (shopId: string) =>
      (await shop.list('carts', { index: 'openIn', equals: shopId })).map((cart) => cart.cartId);
    expect(await openIn('shop-ada')).toEqual([]);
    expect(await openIn('shop-shared')).toEqual(['s']);
    expect(
      (await shop.list('orders', { index: 'shop', equals: 'shop-ada' })).map((o) => o.orderId),
    ).toEqual(['oa']);
    expect(await shop.list('orders', { index: 'shop', equals: 'shop-ben' })).toEqual([]);
  });

  it('refuses a command with no shop or a shop that does not exist, naming the field, storing nothing', async () => {
    const shop = await openShop();
    const { data } = addItem('c1', espresso, 1);
    const { shopId: _shop, ...noShop } = data;
    const commands = [
      { type: 'AddItem', data: noShop },
      { type: 'AddItem', data: { ...data, shopId: 'shop-eve' } },
      { type: 'PayOrder', data: { orderId: 'o1' } },
      { type: 'CheckOut', data: { shopId: '', cartId: 'c1', orderId: 'o1' } },
    ] as unknown as ShopCommand[];
    for (const command of commands) {
      await expect(shop.execute(command)).rejects.toMatchObject({
        name: 'ValidationError',
        field: expect.stringContaining('shopId'),
      });
    }
    expect(await shop.headPosition()).toBe(0);
  });

  it('keeps streams from before shops in the default shop, and their check-outs read as in it', async () => {
    const before = await openStore({
      name: `shops-before-${++opened}`,
      domain: defineDomain({ aggregates: [], projections: [] }),
    });
    const lines = [{ productId: 'espresso', name: 'Espresso', unitPrice: 240, quantity: 1 }];
    await before.append('cart-old', [
      {
        type: 'ItemAdded',
        data: { cartId: 'old', ...espresso, price: { amount: 240, currency: 'EUR' }, quantity: 1 },
        metadata: { schemaVersion: 2 },
      },
      {
        type: 'CartCheckedOut',
        data: { cartId: 'old', orderId: 'o-old', lines, total: 240 },
        metadata: { schemaVersion: 1 },
      },
    ]);
    await before.close();

    const shop = await openStore({ name: `shops-before-${opened}`, domain: shopDomain });
    store = shop;
    const [, checkedOut] = await shop.readStream('cart-old');
    expect(shopDomain.scopeOf('cart-old')).toBe(DEFAULT_SHOP);
    expect(shopDomain.scopeOf('order-o-old')).toBe(DEFAULT_SHOP);
    expect(checkedOut).toMatchObject({
      data: { shopId: DEFAULT_SHOP },
      metadata: { schemaVersion: 2 },
    });
    expect(await shop.get('carts', 'old')).toMatchObject({
      shopId: DEFAULT_SHOP,
      status: 'checked-out',
    });
    // A command in the default shop goes on with the old, bare stream.
    const result = await shop.execute(addItem('old-2', espresso, 1, DEFAULT_SHOP));
    expect(result.events.map((event) => event.stream)).toEqual(['cart-old-2']);
  });
});
