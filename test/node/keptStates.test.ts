import { describe, expect, it } from 'vitest';
import { testDomain } from '../../src/testing/conformance/testDomain';
import { openStore } from '../../worker/store/openStore';
import { fromServer } from './sync/replay';

// A store keeps the states it folded, reading only newer events next time: these prove a kept
// state never hides a change made elsewhere (the counters refuse to go above 100).
let databases = 0;
const open = (name = `kept-${++databases}`) => openStore({ name, domain: testDomain });
const increment = (by: number) => ({ type: 'Increment', data: { counter: 'a', by } }) as const;

describe('states kept between commands', () => {
  it('see events another instance (tab) appended since', async () => {
    const name = `kept-shared-${++databases}`;
    const [tab1, tab2] = [await open(name), await open(name)];
    await tab1.execute(increment(50));
    await tab2.execute(increment(40));
    await expect(tab1.execute(increment(20))).rejects.toMatchObject({
      name: 'CommandRejectedError',
    });
    await tab1.execute(increment(10));
    expect(await tab1.get('totals', 'a')).toEqual({ counter: 'a', value: 100 });
    await Promise.all([tab1.close(), tab2.close()]);
  });

  it('are dropped when a rebase rewrote the stream under them', async () => {
    const [here, there] = [await open(), await open()];
    await here.execute(increment(50));
    await here.execute(increment(40)); // kept: version 2, 90
    const theirs = await there.execute(increment(30));

    const outcome = await here.applyPulled(fromServer(theirs.events, 1), 1);
    expect(outcome.rejected).toHaveLength(1); // 30 + 50 + 40 is over 100: the 40 goes

    // Version 2 is now the 50 (at a new position): 80, not the 90 kept before the pull.
    await here.execute(increment(15));
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 95 });
    await Promise.all([here.close(), there.close()]);
  });
});
