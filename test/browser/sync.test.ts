import { afterEach, describe, expect, it } from 'vitest';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { SyncNetworkError } from '../../src/core/errors';
import type { ShopDomain } from '../../src/demo/domain/shop';
import { addItemData } from '../shopFixtures';

const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
const clients: LogbookClient<ShopDomain>[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

async function device(name: string) {
  const client = await connectLogbook<ShopDomain>(
    new Worker(new URL('../../src/demo/shop.worker.ts', import.meta.url), { type: 'module' }),
    { name },
  );
  clients.push(client);
  return client;
}

describe('sync from the worker, in Chromium', () => {
  it('the worker’s sync requests reach the MSW mock server, and another device pulls them', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phone = await device(`phone-${run}`);
    const laptop = await device(`laptop-${run}`);
    const cartId = `cart-${run}`;

    await phone.execute({
      type: 'AddItem',
      data: addItemData(cartId, espresso, 2),
    });
    await phone.syncNow();
    const [event] = await phone.readStream(`cart-${cartId}`);
    expect(event?.serverPosition).toEqual(expect.any(Number));
    expect((await phone.syncSummary()).pending).toBe(0);

    await laptop.syncNow();
    expect(await laptop.get('carts', cartId)).toMatchObject({ itemCount: 2, total: 480 });
    expect((await laptop.readStream(`cart-${cartId}`))[0]?.id).toBe(event?.id);
  });

  it('offline work queues up and goes out when the device is back online', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phone = await device(`phone-${run}`);
    const laptop = await device(`laptop-${run}`);
    const cartId = `cart-${run}`;

    await phone.simulateNetwork({ offline: true });
    await phone.execute({
      type: 'AddItem',
      data: addItemData(cartId, espresso, 1),
    });
    await expect(phone.syncNow()).rejects.toBeInstanceOf(SyncNetworkError);
    expect(await phone.syncSummary()).toMatchObject({ pending: 1, status: { state: 'offline' } });

    await phone.simulateNetwork({ offline: false });
    await phone.syncNow();
    await laptop.syncNow();
    expect(await laptop.get('carts', cartId)).toMatchObject({ itemCount: 1 });
  });
});
