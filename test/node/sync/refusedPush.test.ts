import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE } from '../../../src/core/syncProtocol';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import { closeAll, createDevices, type Device, engineFor, expectConverged } from './devices';
import { refusingFetch } from './refusingFetch';
import { expectProjectionsMatchReplay } from './replay';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

let databases = 0;

/** A counter device whose pushes go through `refusingFetch(refused)`. */
async function counterDevice(refused: Map<string, string>) {
  const store = await openStore({ name: `refused-${++databases}`, domain: testDomain });
  const sync = engineFor(store, refusingFetch(refused));
  return { store, sync };
}

const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;
const serverIds = async () =>
  (await mock.storage.readAfter(DEFAULT_SCOPE, 0, 100_000)).map((event) => event.id);

describe('a push the server refuses for an event’s content', () => {
  it('rejects the command with the server’s reason, takes its events out, and pushes the rest', async () => {
    const refused = new Map<string, string>();
    const { store, sync } = await counterDevice(refused);
    const first = await store.execute(increment('a', 50));
    const bad = await store.execute(increment('a', 13));
    const after = await store.execute(increment('a', 30));
    const elsewhere = await store.execute(increment('b', 5));
    refused.set(bad.events[0]?.id as string, 'Thirteen is not a number we take');

    const report = await sync.syncNow();

    const rejection = {
      commandId: bad.commandId,
      type: 'Increment',
      reason: 'Thirteen is not a number we take',
    };
    expect(report.rejected).toEqual([rejection]);
    expect(report.pushed).toBe(3);
    expect(await store.syncSummary()).toMatchObject({ pending: 0, rejected: [rejection] });
    // Decided again on the log without it: the later increment moves up a version, same id.
    const stream = await store.readStream('counter-a');
    expect(stream.map((e) => [e.id, e.version, e.data])).toEqual([
      [first.events[0]?.id, 1, { counter: 'a', by: 50 }],
      [after.events[0]?.id, 2, { counter: 'a', by: 30 }],
    ]);
    expect((await serverIds()).sort()).toEqual(
      [first, after, elsewhere].map((result) => result.events[0]?.id).sort(),
    );
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 80 });
    await expectProjectionsMatchReplay(store, testDomain);
    await store.close();
  });

  it('rejects an event appended without a command as its own entry', async () => {
    const refused = new Map<string, string>();
    const { store, sync } = await counterDevice(refused);
    const { events } = await store.append('notes', [
      { type: 'Noted', data: { text: 'first' } },
      { type: 'Noted', data: { text: 'second' } },
    ]);
    const [bad, kept] = events as [(typeof events)[number], (typeof events)[number]];
    refused.set(bad.id, 'Notes must not say "first"');

    const report = await sync.syncNow();

    expect(report.rejected).toEqual([
      { commandId: bad.id, type: 'Noted', reason: 'Notes must not say "first"' },
    ]);
    expect((await store.syncSummary()).rejected).toEqual(report.rejected);
    expect((await store.readStream('notes')).map((e) => [e.id, e.version])).toEqual([[kept.id, 1]]);
    expect(await serverIds()).toEqual([kept.id]);
    await store.close();
  });

  it('pushes again the batches held back with a refused one, and every device agrees', async () => {
    const refused = new Map<string, string>();
    const devices = await createDevices(2, refusingFetch(refused));
    const [a, b] = devices as [Device, Device];
    const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
    await a.store.execute(addItem('cart-1', flatWhite, 1));
    // Checking out writes to the cart and the new order: their batches form a group.
    const checkOut = await a.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
    });
    const payment = await a.store.execute({
      type: 'PayOrder',
      data: { shopId: DEFAULT_SHOP, orderId: 'order-1' },
    });
    refused.set(payment.events[0]?.id as string, 'Payments need a card on file');

    const report = await a.sync.syncNow();
    await b.sync.syncNow();

    expect(report.rejected).toEqual([
      { commandId: payment.commandId, type: 'PayOrder', reason: 'Payments need a card on file' },
    ]);
    expect(await serverIds()).toEqual(
      expect.arrayContaining(checkOut.events.map((event) => event.id)),
    );
    expect(await b.store.get('orders', 'order-1')).toMatchObject({ status: 'placed' });
    await expectConverged(devices);
    await closeAll(devices);
  });
});
