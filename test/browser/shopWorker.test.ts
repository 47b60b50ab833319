import { afterEach, describe, expect, it } from 'vitest';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { CommandRejectedError, ValidationError } from '../../src/core/errors';
import type { CartView, ShopDomain } from '../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../src/demo/domain/shops';
import { addItem } from '../shopFixtures';

let client: LogbookClient<ShopDomain>;
afterEach(() => client?.close());

const connectShop = () =>
  connectLogbook<ShopDomain>(
    new Worker(new URL('../../src/demo/shop.worker.ts', import.meta.url), { type: 'module' }),
    { name: `shop-worker-${Date.now()}-${Math.random()}` },
  );

const addFlatWhite = (quantity: number) =>
  addItem('c1', { productId: 'flat-white', name: 'Flat white', unitPrice: 340 }, quantity);

describe('the shop worker through the Comlink client', () => {
  it('executes commands and pushes live query updates back to the main thread', async () => {
    client = await connectShop();
    const seen: (CartView | undefined)[] = [];
    const stop = client.watch({ method: 'get', args: ['carts', 'c1'] }, (result) => {
      if ('value' in result) seen.push(result.value as CartView | undefined);
    });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toBeUndefined();

    await client.execute(addFlatWhite(2));
    await expect.poll(() => seen.at(-1)?.total).toBe(680);
    await client.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' },
    });
    await expect.poll(() => seen.at(-1)?.status).toBe('checked-out');
    expect(await client.get('orders', 'o1')).toMatchObject({ status: 'placed', total: 680 });
    stop();
  });

  it('rebuilds errors as their own classes with their fields', async () => {
    client = await connectShop();
    await client
      .execute({ type: 'PayOrder', data: { shopId: DEFAULT_SHOP, orderId: 'nope' } })
      .then(
        () => expect.unreachable(),
        (error) => {
          expect(error).toBeInstanceOf(CommandRejectedError);
          expect(error).toMatchObject({
            name: 'CommandRejectedError',
            reason: 'The order has not been placed',
            commandType: 'PayOrder',
          });
        },
      );
    await client.execute(addFlatWhite('two' as unknown as number)).then(
      () => expect.unreachable(),
      (error) => {
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ name: 'ValidationError', field: 'data.quantity' });
      },
    );
    // Other tests' events may arrive from the shared mock server; none of this device's own.
    expect((await client.readAll({ clientId: client.clientId })).events).toEqual([]);
  });
});
