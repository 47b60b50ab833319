import { openStore } from 'logbook/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { tableReads } from '../tableReads';

const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;
const names = (prefix: string, count: number, digits = 2) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(digits, '0')}`);

/** A store whose `totals` projection holds a view for each of `counters`, at 1. */
async function storeWithViews(counters: readonly string[]) {
  const store = await openStore({ name: `view-ranges-${crypto.randomUUID()}`, domain: testDomain });
  if (counters.length > 0) {
    await store.append(
      'counter-seed',
      counters.map((counter) => ({ type: 'Incremented', data: { counter, by: 1 } })),
    );
  }
  return store;
}

describe('the views a burst of commands touches', () => {
  const views = tableReads('views');
  const bases = tableReads('viewBases');
  beforeEach(() => {
    views.install();
    bases.install();
  });
  afterEach(() => {
    views.uninstall();
    bases.uninstall();
  });

  it('are found new from one read of their range’s keys, not looked up one by one', async () => {
    const store = await storeWithViews([]);
    views.take();
    bases.take();

    await Promise.all(names('new', 20).map((counter) => store.execute(increment(counter, 3))));

    expect(views.take()).toMatchObject({ requests: 1, lookups: 0, valueRows: 0 });
    expect(bases.take()).toMatchObject({ requests: 1, lookups: 0, valueRows: 0 });
    expect(await store.get('totals', 'new-19')).toEqual({ counter: 'new-19', value: 3 });
    await store.close();
  });

  it('are looked up only where the range holds them, and folded on what was stored', async () => {
    const store = await storeWithViews(['mixed-03', 'mixed-07']);
    views.take();

    await Promise.all(names('mixed', 10).map((counter) => store.execute(increment(counter, 5))));

    expect(views.take()).toMatchObject({ lookups: 2, valueRows: 2 });
    expect(await store.get('totals', 'mixed-07')).toEqual({ counter: 'mixed-07', value: 6 });
    expect(await store.get('totals', 'mixed-08')).toEqual({ counter: 'mixed-08', value: 5 });
    await store.close();
  });

  it('are looked up one by one when their range holds many more views than they are', async () => {
    const store = await storeWithViews(names('dense', 100, 3));
    views.take();
    const touched = ['dense-000', 'dense-099', ...names('dense-05', 6)];

    await Promise.all(touched.map((counter) => store.execute(increment(counter, 2))));

    // The range's keys, found too many (100 against 4 for each of 8), then each key on its own.
    expect(views.take()).toMatchObject({ requests: 2, lookups: 8 });
    expect(await store.get('totals', 'dense-099')).toEqual({ counter: 'dense-099', value: 3 });
    expect(await store.get('totals', 'dense-05-00')).toEqual({ counter: 'dense-05-00', value: 2 });
    await store.close();
  });
});
