import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import type { ShopDomain } from '../../src/demo/domain/shop';
import type { ShopWorkerCalls } from '../../src/demo/shop.worker';
import { addItemData } from '../shopFixtures';

const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
type Device = LogbookClient<ShopDomain, ShopWorkerCalls>;
const clients: Device[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

async function device(name: string) {
  const client = await connectLogbook<ShopDomain, ShopWorkerCalls>(
    new Worker(new URL('../../src/demo/shop.worker.ts', import.meta.url), { type: 'module' }),
    { name },
  );
  clients.push(client);
  return client;
}

describe('live updates in Chromium, through the MSW mock in the workers', () => {
  it('a change on one device reaches the other with no click and no syncNow', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phone = await device(`phone-${run}`);
    const laptop = await device(`laptop-${run}`);
    // The laptop's first sync is done: what it gets later, it gets from the live stream.
    await vi.waitFor(async () =>
      expect((await laptop.syncSummary()).status.lastSyncAt).toEqual(expect.any(Number)),
    );
    const cartId = `cart-${run}`;

    await phone.execute({ type: 'AddItem', data: addItemData(cartId, espresso, 2) });
    await phone.syncNow();

    // Well before the periodic sync (30 s).
    await vi.waitFor(
      async () => expect(await laptop.get('carts', cartId)).toMatchObject({ itemCount: 2 }),
      { timeout: 5_000 },
    );
  });
});
