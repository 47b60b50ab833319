import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { SyncNetworkError } from '../../src/core/errors';
import type { ShopDomain } from '../../src/demo/domain/shop';
import type { ShopWorkerCalls } from '../../src/demo/shop.worker';
import { addItem } from '../shopFixtures';

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

describe('sync from the worker, in Chromium', () => {
  it('the worker’s sync requests reach the MSW mock server, and another device pulls them', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phone = await device(`phone-${run}`);
    const laptop = await device(`laptop-${run}`);
    const cartId = `cart-${run}`;

    await phone.execute(addItem(cartId, espresso, 2));
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

    await phone.extension.network({ offline: true });
    await phone.execute(addItem(cartId, espresso, 1));
    await expect(phone.syncNow()).rejects.toBeInstanceOf(SyncNetworkError);
    expect(await phone.syncSummary()).toMatchObject({ pending: 1, status: { state: 'offline' } });

    await phone.extension.network({ offline: false });
    await phone.syncNow();
    await laptop.syncNow();
    expect(await laptop.get('carts', cartId)).toMatchObject({ itemCount: 1 });
  });

  it('a device’s network is its own: set in one tab, it holds in every tab of that device only', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phoneTabs = [await device(`phone-${run}`), await device(`phone-${run}`)];
    const laptop = await device(`laptop-${run}`);
    const [syncing, other] = await syncingTabFirst(phoneTabs);

    // Set in the tab that does not sync, it must reach the one that does.
    await other.extension.network({ offline: true, latencyMs: 10 });
    await vi.waitFor(async () =>
      expect(await syncing.extension.network({})).toMatchObject({ offline: true, latencyMs: 10 }),
    );
    await phoneTabs[0]?.execute(addItem(`cart-${run}`, espresso, 1));
    await expect(other.syncNow()).rejects.toBeInstanceOf(SyncNetworkError);
    expect(await laptop.extension.network({})).toMatchObject({ offline: false, latencyMs: 0 });
    expect(await laptop.syncNow()).toMatchObject({ pushed: 0 });

    // Back online, the tab that syncs sends the pending work at once, not when its backoff
    // (past 30 s after six failures in a row) would have tried again.
    for (let failed = 1; failed < 6; failed++) await other.syncNow().catch(() => undefined);
    const { nextSyncAt } = (await other.syncSummary()).status;
    await other.extension.network({ offline: false });
    await vi.waitFor(async () => expect((await other.syncSummary()).pending).toBe(0), {
      timeout: 20_000,
    });
    expect((await other.syncSummary()).status.lastSyncAt).toBeLessThan(nextSyncAt ?? 0);
  });
});

/** The tabs of one device, the one that syncs first, once one does. */
async function syncingTabFirst(tabs: Device[]): Promise<[Device, Device]> {
  return vi.waitFor(async () => {
    const { leader } = (await tabs[0]?.syncSummary())?.status ?? {};
    const syncing = tabs.find((tab) => tab.tabId === leader);
    const other = tabs.find((tab) => tab.tabId !== leader);
    if (!syncing || !other) throw new Error('no tab syncs yet');
    return [syncing, other];
  });
}

describe('live updates in Chromium, through the MSW mock in the workers', () => {
  it('a change on one device reaches the other with no click and no syncNow', async () => {
    const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const phone = await device(`phone-${run}`);
    const laptop = await device(`laptop-${run}`);
    // The laptop's first sync is done: what it gets later, it gets from the live stream.
    // It pulls what this browser's other tests left on the shared mock server first: give it time.
    await vi.waitFor(
      async () =>
        expect((await laptop.syncSummary()).status.lastSyncAt).toEqual(expect.any(Number)),
      { timeout: 20_000 },
    );
    const cartId = `cart-${run}`;

    await phone.execute(addItem(cartId, espresso, 2));
    await phone.syncNow();

    // Well before the periodic sync (30 s).
    await vi.waitFor(
      async () => expect(await laptop.get('carts', cartId)).toMatchObject({ itemCount: 2 }),
      { timeout: 10_000 },
    );
  });
});
