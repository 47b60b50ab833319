import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import type { PullOutcome } from '../../../src/core/store';
import { counter, testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { watchDecisions } from '../../decisionHook';
import { fromServer } from '../sync/replay';

const watched = watchDecisions(counter);
const watchedDomain = defineDomain({ ...testDomain, aggregates: [watched.aggregate] });
const increment = (by: number) => ({ type: 'Increment', data: { counter: 'a', by } }) as const;

describe('a decision proves the stream still ends where it read it', () => {
  it('decides again when a rebase replaced the pending tail at the same version', async () => {
    const here = await openStore({
      name: `head-here-${crypto.randomUUID()}`,
      domain: watchedDomain,
    });
    const there = await openStore({
      name: `head-there-${crypto.randomUUID()}`,
      domain: testDomain,
    });
    await here.execute(increment(60)); // pending, version 1
    const theirs = await there.execute(increment(70));

    // Decided on 60 (60 + 35 is fine); before it is written the pull lands: 70 + 60 is over
    // 100, so the rebase rejects the 60 and the stream is again at version 1, now ending in 70.
    let decisions = 0;
    let pulled: Promise<PullOutcome> | undefined;
    watched.duringDecisions((command) => {
      if ((command.data as { by: number }).by !== 35) return; // not the rebase's own decisions
      decisions++;
      pulled ??= here.applyPulled(fromServer(theirs.events, 1), 1);
    });
    const stale = here.execute(increment(35));

    await expect(stale).rejects.toMatchObject({
      name: 'CommandRejectedError',
      reason: 'A counter cannot go above 100',
    });
    watched.duringDecisions(undefined);
    expect((await pulled)?.rejected).toHaveLength(1);
    expect(decisions).toBe(2);
    expect((await here.readStream('counter-a')).map((e) => [e.version, e.data])).toEqual([
      [1, { counter: 'a', by: 70 }],
    ]);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 70 });
    await Promise.all([here.close(), there.close()]);
  });
});
