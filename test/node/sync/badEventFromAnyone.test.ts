import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE } from '../../../src/core/syncProtocol';
import { shopDomain } from '../../../src/demo/domain/shop';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { syncServerOptionsOf } from '../../../src/server/syncServer';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import { testSyncEngine } from './devices';
import { expectProjectionsMatchReplay } from './replay';

// The server holds pushes to the shop's rules, as the app's does.
const mock = setupMockSyncServer(syncServerOptionsOf(shopDomain));
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

/**
 * A careless client: the shop's deciders, but none of its event schemas and no projections, so it
 * records whatever it is given (the shop's own store refuses these events before any push).
 */
const uncheckedShop = {
  ...shopDomain,
  aggregates: shopDomain.aggregates.map(({ events: _, ...aggregate }) => aggregate),
  projections: [],
} as unknown as typeof shopDomain;

const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
let databases = 0;
const device = async (domain: typeof shopDomain) => {
  const store = await openStore({ name: `bad-event-${++databases}`, domain });
  return { store, sync: testSyncEngine(store) };
};

describe('one bad event from anyone never stops anyone else', () => {
  it('a store refuses what its own projections cannot key, by name', async () => {
    const { store } = await device({ ...shopDomain, aggregates: uncheckedShop.aggregates });
    await expect(store.append('cart-x', [{ type: 'ItemAdded', data: {} }])).rejects.toMatchObject({
      name: 'ProjectionFailedError',
      projection: 'carts',
      reason: 'its key is undefined, not a non-empty string',
    });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it.each([
    ['ItemAdded with {} data', { type: 'ItemAdded', data: {} }, /^data\.cartId: /],
    ['an unknown type', { type: 'Other', data: {} }, /^type: "Other" is not an event type/],
    ['a type named toString', { type: 'toString', data: {} }, /^type: "toString" is not an/],
  ])(
    '%s: refused by the server alone, the sender syncs on, others never see it',
    async (_, bad, why) => {
      const [careless, other] = await Promise.all([device(uncheckedShop), device(shopDomain)]);
      const broken = await careless.store.append('cart-broken', [bad]);
      const good = await careless.store.execute(addItem('fine', flatWhite, 1));
      await other.store.execute(addItem('theirs', flatWhite, 2));

      const report = await careless.sync.syncNow();
      await other.sync.syncNow();
      await careless.sync.syncNow();

      const stored = await mock.storage.readAfter(DEFAULT_SCOPE, 0, 1000);
      expect(stored.map((event) => event.id)).not.toContain(broken.events[0]?.id);
      expect(stored.map((event) => event.id)).toContain(good.events[0]?.id);
      expect(report.rejected).toEqual([
        expect.objectContaining({ reason: expect.stringMatching(why) }),
      ]);
      expect(await careless.store.readStream('cart-broken')).toEqual([]);
      for (const [{ store }, domain] of [
        [careless, uncheckedShop],
        [other, shopDomain],
      ] as const) {
        expect(await store.syncSummary()).toMatchObject({
          pending: 0,
          status: { state: 'idle', lastError: null },
        });
        expect((await store.readAll()).events.map((event) => event.stream).sort()).toEqual([
          'cart-fine',
          'cart-theirs',
        ]);
        await expectProjectionsMatchReplay(store, domain);
      }
      await Promise.all([careless.store.close(), other.store.close()]);
    },
  );
});
