import { describe, expect, it } from 'vitest';
import type { AnyProjection, ProjectionName } from '../../../src/core/domain';
import type { LocalStore } from '../../../src/core/store';
import { currentSchemaVersion, upcast } from '../../../src/core/upcasting';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import { fromServer } from '../sync/replay';

/** Names every plain object answers to through its prototype: none is a handler of the shop's. */
const inheritedNames = ['toString', 'valueOf', 'hasOwnProperty', '__proto__', 'constructor'];
const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const data = { cartId: '1', orderId: '1' };

/**
 * The shop as an app that declares no event schemas would have it: such a store takes any type,
 * so these events reach the projections and upcasters (the shop's own schemas refuse them).
 */
const shopWithoutSchemas: ShopDomain = {
  ...shopDomain,
  aggregates: shopDomain.aggregates.map(({ events: _, ...aggregate }) => aggregate),
} as unknown as ShopDomain;

let runs = 0;
const open = (domain: ShopDomain = shopWithoutSchemas) =>
  openStore({ name: `own-handlers-${++runs}`, domain });

async function everyView(store: LocalStore<ShopDomain>) {
  const views: Record<string, unknown[]> = {};
  for (const projection of shopDomain.projections as readonly AnyProjection[]) {
    const name = projection.name as ProjectionName<ShopDomain>;
    views[name] = await store.list(name);
  }
  return views;
}

describe('an event whose type names something every object inherits', () => {
  it.each(inheritedNames)(
    '%s is refused by a domain that declares its event types',
    async (type) => {
      const store = await open(shopDomain);
      await expect(store.append('cart-1', [{ type, data }])).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'events[0].type',
      });
      expect(await store.headPosition()).toBe(0);
      await store.close();
    },
  );

  it.each(inheritedNames)('%s appended leaves every view as it was', async (type) => {
    const store = await open();
    await store.execute(addItem('1', flatWhite, 1));
    const before = await everyView(store);

    await store.append('cart-1', [{ type, data }]);

    expect((await store.readStream('cart-1')).map((event) => event.type)).toEqual([
      'ItemAdded',
      type,
    ]);
    expect(await everyView(store)).toEqual(before);
    for (const projection of shopDomain.projections) {
      expect(await store.projectionAt(projection.name, { position: 2 })).toEqual(
        before[projection.name],
      );
    }
    await store.close();
  });

  it.each(inheritedNames)(
    '%s pulled from another device leaves every view as it was',
    async (type) => {
      const [here, there] = await Promise.all([open(shopDomain), open()]);
      await here.execute(addItem('1', flatWhite, 1));
      const before = await everyView(here);
      const theirs = await there.append('cart-2', [{ type, data }]);

      await here.applyPulled(fromServer(theirs.events, 1), 1);

      expect(await here.headPosition()).toBe(2);
      expect((await here.projectionStatus()).map((status) => status.status)).toEqual(
        shopDomain.projections.map(() => 'ready'),
      );
      expect(await everyView(here)).toEqual(before);
      await Promise.all([here.close(), there.close()]);
    },
  );

  it.each(inheritedNames)('%s is read as written, through the shop’s upcasters', async (type) => {
    const store = await openStore({
      name: `own-upcasters-${++runs}`,
      domain: { ...shopWithoutSchemas, projections: [] },
    });
    await store.append('cart-1', [{ type, data }]);
    const [event] = await store.readStream('cart-1');
    expect(event).toMatchObject({ type, data, metadata: { schemaVersion: 1 } });
    expect(currentSchemaVersion(shopDomain.upcasters, type)).toBe(1);
    expect(upcast(event as never, shopDomain.upcasters)).toBe(event);
    await store.close();
  });
});
