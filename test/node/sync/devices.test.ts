import { describe, expect, it } from 'vitest';
import { SyncNetworkError } from '../../../src/core/errors';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { createSimulation, type SimulatedDevice } from '../../../src/testing';
import { pushPending } from '../../../worker/sync/pushPending';
import { addItem } from '../../shopFixtures';

type Device = SimulatedDevice<ShopDomain>;

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const croissant = { productId: 'almond-croissant', name: 'Almond croissant', unitPrice: 365 };

const shop = (devices: number) => createSimulation({ domain: shopDomain, devices });
type Shop = Awaited<ReturnType<typeof shop>>;

const serverEventIds = async (simulation: Shop) =>
  (await simulation.serverLog()).map((event) => event.id);

async function sharedCart(simulation: Shop) {
  const [a] = simulation.devices as [Device];
  await a.store.execute(addItem('cart-1', flatWhite, 1));
  await simulation.settle();
}

describe('sync between devices through the sync server', () => {
  it('two devices edit one cart offline, sync in either order, and agree', async () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const simulation = await shop(2);
      const [a, b] = simulation.devices as [Device, Device];
      await sharedCart(simulation);
      await a.store.execute(addItem('cart-1', croissant, 2));
      await b.store.execute({
        type: 'ChangeQuantity',
        data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', productId: 'flat-white', quantity: 3 },
      });
      await simulation.settle({ order });
      await simulation.assertConverged();
      expect(await a.store.get('carts', 'cart-1')).toMatchObject({
        itemCount: 5,
        total: 3 * 340 + 2 * 365,
      });
      expect(new Set(await serverEventIds(simulation)).size).toBe(
        (await serverEventIds(simulation)).length,
      );
      await simulation.close();
    }
  });

  it('three devices edit a cart and its order offline, sync in different orders, and agree', async () => {
    for (const order of [
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ]) {
      const simulation = await shop(3);
      const [a, b, c] = simulation.devices as [Device, Device, Device];
      await sharedCart(simulation);
      await a.store.execute({
        type: 'CheckOut',
        data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
      });
      await simulation.settle();

      await a.store.execute({
        type: 'PayOrder',
        data: { shopId: DEFAULT_SHOP, orderId: 'order-1' },
      });
      await b.store.execute({
        type: 'PayOrder',
        data: { shopId: DEFAULT_SHOP, orderId: 'order-1' },
      });
      await c.store.execute(addItem('cart-2', croissant, 1));
      await simulation.settle({ order });

      await simulation.assertConverged();
      expect(await c.store.get('orders', 'order-1')).toMatchObject({ status: 'paid' });
      const rejected = (
        await Promise.all(
          simulation.devices.map(async (d) => (await d.store.syncSummary()).rejected),
        )
      ).flat();
      expect(rejected.map((r) => r.reason)).toEqual(['The order is already paid']);
      await simulation.close();
    }
  });

  it('reports a command a rebase rejects, and removes its effect from every projection', async () => {
    const simulation = await shop(2);
    const [a, b] = simulation.devices as [Device, Device];
    await sharedCart(simulation);
    await a.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
    });
    await simulation.settle();

    const payment = await a.store.execute({
      type: 'PayOrder',
      data: { shopId: DEFAULT_SHOP, orderId: 'order-1' },
    });
    expect(await a.store.get('orders', 'order-1')).toMatchObject({ status: 'paid' });
    await b.store.execute({
      type: 'CancelOrder',
      data: { shopId: DEFAULT_SHOP, orderId: 'order-1', reason: 'out of milk' },
    });
    await b.sync.syncNow();
    await a.sync.syncNow();

    expect((await a.store.syncSummary()).rejected).toEqual([
      { commandId: payment.commandId, type: 'PayOrder', reason: 'The order is cancelled' },
    ]);
    expect(await a.store.get('orders', 'order-1')).toMatchObject({ status: 'cancelled' });
    expect(
      await a.store.list('activity', { index: 'stream', equals: 'order-order-1' }),
    ).not.toContainEqual(expect.objectContaining({ type: 'OrderPaid' }));
    await simulation.settle();
    await simulation.assertConverged();
    await simulation.close();
  });

  it('pushes a page at a time without splitting a command, and says when more remain', async () => {
    const simulation = await shop(1);
    const [a] = simulation.devices as [Device];
    // Checking out a cart writes to the cart and the new order: one command, two events.
    await a.store.execute(addItem('cart-1', flatWhite, 1));
    await a.store.execute(addItem('cart-2', flatWhite, 1));
    await a.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
    });
    await a.store.execute(addItem('cart-2', flatWhite, 2));
    const pending = await a.store.pendingEvents(100);
    const checkOut = pending.filter((e) => e.metadata.commandId === pending[2]?.metadata.commandId);
    expect(checkOut.length).toBeGreaterThan(1);

    expect(await pushPending(a.store, a.transport, 3)).toEqual({
      pushed: 2 + checkOut.length,
      conflict: false,
      more: true,
      rejected: [],
    });
    // The server orders a push by stream: compare which events it holds.
    const ids = (events: { id: string }[]) => events.map((e) => e.id).sort();
    expect((await serverEventIds(simulation)).sort()).toEqual(
      ids(pending.slice(0, 2 + checkOut.length)),
    );
    expect(await pushPending(a.store, a.transport, 3)).toEqual({
      pushed: 1,
      conflict: false,
      more: false,
      rejected: [],
    });
    expect((await serverEventIds(simulation)).sort()).toEqual(ids(pending));
    expect((await a.store.syncSummary()).pending).toBe(0);
    await simulation.close();
  });

  it('stores a push once when its answer was lost and it is sent again', async () => {
    const simulation = await shop(1);
    const [a] = simulation.devices as [Device];
    await a.store.execute(addItem('cart-1', flatWhite, 1));
    a.faults.loseAnswer = 1;
    await expect(pushPending(a.store, a.transport, 10)).rejects.toThrow(SyncNetworkError);
    expect(await serverEventIds(simulation)).toHaveLength(1);
    expect((await a.store.syncSummary()).pending).toBe(1);
    a.faults.loseAnswer = 0;
    await a.sync.syncNow();
    expect(await serverEventIds(simulation)).toHaveLength(1);
    expect((await a.store.syncSummary()).pending).toBe(0);
    expect((await a.store.readAll()).events).toHaveLength(1);
    await simulation.close();
  });

  it('queues work while offline or failing, and loses nothing when the server comes back', async () => {
    const simulation = await shop(2);
    const [a, b] = simulation.devices as [Device, Device];
    a.faults.offline = true;
    const issued = [];
    for (let i = 0; i < 5; i++) {
      const added = await a.store.execute(addItem('cart-a', flatWhite, 1));
      issued.push(added.commandId);
      await expect(a.sync.syncNow()).rejects.toThrow(SyncNetworkError);
    }
    expect((await a.store.syncSummary()).pending).toBe(5);
    expect((await a.store.syncSummary()).status.state).toBe('offline');
    Object.assign(a.faults, { offline: false, serverError: 1 });
    await expect(a.sync.syncNow()).rejects.toMatchObject({ name: 'SyncHttpError', status: 500 });
    expect((await a.store.syncSummary()).status.state).toBe('error');
    a.faults.serverError = 0;
    await simulation.settle();
    await simulation.assertConverged();
    await simulation.assertNothingLostOrDuplicated(issued);
    expect(await b.store.get('carts', 'cart-a')).toMatchObject({ itemCount: 5 });
    await simulation.close();
  });
});
