import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../src/core/store';
import { DEFAULT_SCOPE } from '../../../src/core/syncProtocol';
import { cart } from '../../../src/demo/domain/cart';
import { device } from '../../../src/demo/domain/device';
import { order } from '../../../src/demo/domain/order';
import { type ShopCommand, type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import {
  closeAll,
  createDevices,
  type Device,
  expectConverged,
  syncUntilQuiet,
  testSyncEngine,
} from './devices';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };

/** Called inside every cart decision, between reading the cart and writing what was decided. */
let duringCartDecision: (() => void) | undefined;
const watchedCart: typeof cart = {
  ...cart,
  decide: (command, state) => {
    duringCartDecision?.();
    return cart.decide(command, state);
  },
};
const watchedShop: ShopDomain = { ...shopDomain, aggregates: [watchedCart, order, device] };

type Settled = { result: CommandResult } | { error: unknown };
const settledOf = (promise: Promise<CommandResult>): Promise<Settled> =>
  promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );

/**
 * Device A, whose sync engine, once `executeDuringNextPull` is called, settles the next pulled
 * page while that command is being decided: the command has read the cart, the pull (and its
 * rebase) lands, then the command writes.
 */
async function deviceDecidingDuringPull() {
  const store = await openStore({
    name: `during-pull-${crypto.randomUUID()}`,
    domain: watchedShop,
  });
  let command: ShopCommand | undefined;
  let decided: Promise<Settled> | undefined;
  const sync = testSyncEngine({
    ...store,
    applyPulled: (events, nextCursor) => {
      if (!command || decided) return store.applyPulled(events, nextCursor);
      return new Promise((resolve, reject) => {
        duringCartDecision = () => {
          duringCartDecision = undefined;
          store.applyPulled(events, nextCursor).then(resolve, reject);
        };
        decided = settledOf(store.execute(command as ShopCommand));
      });
    },
  });
  const device: Device = { name: 'A', store, sync };
  return {
    device,
    executeDuringNextPull: (next: ShopCommand) => {
      command = next;
      return () => decided;
    },
  };
}

describe('a command decided while a sync lands', () => {
  it('is decided again on what the rebase left, so a checked-out cart takes no change', async () => {
    const { device: a, executeDuringNextPull } = await deviceDecidingDuringPull();
    const [b] = (await createDevices(1)) as [Device];
    b.name = 'B';
    const devices = [a, b];

    await a.store.execute(addItem('c1', flatWhite, 1));
    await syncUntilQuiet(devices);
    await b.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' },
    });
    await b.sync.syncNow();
    await a.store.execute(addItem('c1', espresso, 1)); // pending, version 2

    const decided = executeDuringNextPull({
      type: 'ChangeQuantity',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', productId: 'espresso', quantity: 3 },
    });
    await a.sync.syncNow();

    expect(await decided()).toMatchObject({
      error: { name: 'CommandRejectedError', reason: 'Cart is already checked out' },
    });
    expect((await a.store.syncSummary()).rejected).toMatchObject([
      { type: 'AddItem', reason: 'Cart is already checked out' },
    ]);
    await syncUntilQuiet(devices);
    const onServer = await mock.storage.readAfter(DEFAULT_SCOPE, 0, 1000);
    expect(onServer.filter((event) => event.stream === 'cart-c1').map((e) => e.type)).toEqual([
      'ItemAdded',
      'CartCheckedOut',
    ]);
    await expectConverged(devices);
    await closeAll(devices);
  });
});
