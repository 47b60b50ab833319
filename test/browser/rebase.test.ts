import { describe, expect, it } from 'vitest';
import { testDomain } from '../../src/testing/conformance/testDomain';
import { openStore } from '../../worker/store/openStore';
import { expectProjectionsMatchReplay, fromServer } from '../node/sync/replay';

const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;
const counters = Array.from({ length: 10 }, (_, i) => `c${i}`);

describe('rebasing on real IndexedDB', () => {
  // Decisions run between IndexedDB requests inside one transaction: hundreds of them must not
  // let it commit early (Dexie keeps its zone across only so many native awaits).
  it('rebases hundreds of pending commands over a pull in one transaction', async () => {
    const here = await openStore({ name: `rebase-here-${run}`, domain: testDomain });
    const there = await openStore({ name: `rebase-there-${run}`, domain: testDomain });
    const theirs = [];
    for (const counter of counters)
      theirs.push(...(await there.execute(increment(counter, 5))).events);
    for (let i = 0; i < 300; i++) await here.execute(increment(counters[i % 10] as string, 1));

    const outcome = await here.applyPulled(fromServer(theirs, 1), theirs.length);

    expect(outcome).toEqual({ received: 10, rebased: 300, rejected: [] });
    expect(await here.get('totals', 'c3')).toEqual({ counter: 'c3', value: 35 });
    expect((await here.readStream('counter-c3')).map((event) => event.version)).toEqual(
      Array.from({ length: 31 }, (_, i) => i + 1),
    );
    await expectProjectionsMatchReplay(here, testDomain);
    await Promise.all([here.close(), there.close()]);
  });
});
