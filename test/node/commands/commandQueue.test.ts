import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/demo/domain/catalog';
import { shopDomain } from '../../../src/demo/domain/shop';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';

const itemOf = (i: number) => {
  const product = catalog[i % catalog.length] as (typeof catalog)[number];
  return { productId: product.id, name: product.name, unitPrice: product.unitPrice };
};
const versionsUpTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('commands from one store (one tab)', () => {
  it('all land when 500 are issued at once on one cart, in the order issued', async () => {
    const store = await openStore({ name: `queue-${crypto.randomUUID()}`, domain: shopDomain });
    const commands = Array.from({ length: 500 }, (_, i) => ({
      ...addItem('c1', itemOf(i), 1),
      id: `add-${i}`,
    }));

    const results = await Promise.all(commands.map((command) => store.execute(command)));

    const events = await store.readStream('cart-c1');
    expect(events.map((event) => event.version)).toEqual(versionsUpTo(500));
    expect(events.map((event) => event.metadata.commandId)).toEqual(commands.map((c) => c.id));
    // Each was decided once, on the state the one before it left: none lost a race.
    expect(results.map((result) => result.attempts)).toEqual(commands.map(() => 1));
    expect(await store.get('carts', 'c1')).toMatchObject({ itemCount: 500 });
    await store.close();
  }, 60_000);

  it('go on after one is rejected, one is invalid and one fails in a projection', async () => {
    const store = await openStore({ name: `queue-${crypto.randomUUID()}`, domain: testDomain });
    const outcomes = await Promise.allSettled([
      store.execute({ type: 'Increment', data: { counter: 'a', by: 60 } }),
      store.execute({ type: 'Increment', data: { counter: 'a', by: 50 } }),
      store.execute({ type: 'Increment', data: { counter: 'a', by: 'one' } } as never),
      store.execute({ type: 'Poison', data: { counter: 'a' } }),
      store.execute({ type: 'Increment', data: { counter: 'a', by: 40 } }),
    ]);

    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason.name : o.status))).toEqual([
      'fulfilled',
      'CommandRejectedError',
      'ValidationError',
      'ProjectionFailedError',
      'fulfilled',
    ]);
    expect((await store.readStream('counter-a')).map((e) => e.data)).toEqual([
      { counter: 'a', by: 60 },
      { counter: 'a', by: 40 },
    ]);
    await store.close();
  });
});

describe('commands from four stores on one database (four tabs)', () => {
  it('all land on one cart, gap-free and once each, none told of a lost race', async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const tabs = await Promise.all([0, 1, 2, 3].map(() => openStore({ name, domain: shopDomain })));
    const issued = tabs.flatMap((tab, t) =>
      Array.from({ length: 100 }, (_, i) => ({
        tab,
        command: { ...addItem('c1', itemOf(i + t), 1), id: `tab-${t}-add-${i}` },
      })),
    );

    const outcomes = await Promise.allSettled(
      issued.map(({ tab, command }) => tab.execute(command)),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const events = await (tabs[0] as (typeof tabs)[number]).readStream('cart-c1');
    expect(events.map((event) => event.version)).toEqual(versionsUpTo(400));
    expect(events.map((event) => event.metadata.commandId).sort()).toEqual(
      issued.map(({ command }) => command.id).sort(),
    );
    // Each tab's own commands landed in the order that tab issued them.
    for (const [t] of tabs.entries()) {
      const own = events.filter((event) => event.metadata.commandId?.startsWith(`tab-${t}-`));
      expect(own.map((event) => event.metadata.commandId)).toEqual(
        versionsUpTo(100).map((n) => `tab-${t}-add-${n - 1}`),
      );
    }
    await Promise.all(tabs.map((tab) => tab.close()));
  }, 120_000);
});
