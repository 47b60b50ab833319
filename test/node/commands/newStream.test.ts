import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { counter, testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { watchDecisions } from '../../decisionHook';
import { eventReads } from '../tableReads';

const watched = watchDecisions(counter);
const watchedDomain = defineDomain({ ...testDomain, aggregates: [watched.aggregate] });
const incremented = (counterName: string, by: number) => ({
  type: 'Incremented',
  data: { counter: counterName, by },
});

describe('a write that starts a stream', () => {
  const reads = eventReads();
  beforeEach(reads.install);
  afterEach(reads.uninstall);

  it('reads nothing of the log: adding version 1 proves the stream had no events', async () => {
    const store = await openStore({ name: `new-${crypto.randomUUID()}`, domain: testDomain });
    reads.take();
    await store.append('counter-a', [incremented('a', 1)], { expectedVersion: 'no_stream' });
    expect(reads.take().requests).toBe(0);
    // A stream with events is still read for its version.
    await store.append('counter-a', [incremented('a', 2)], { expectedVersion: 1 });
    expect(reads.take().requests).toBe(1);
    await store.close();
  });

  it('is refused as a lost race when the stream has events, naming their version', async () => {
    const store = await openStore({ name: `started-${crypto.randomUUID()}`, domain: testDomain });
    await store.append('counter-a', [incremented('a', 1), incremented('a', 2)]);
    for (const expectedVersion of ['no_stream', 0] as const) {
      await expect(
        store.append('counter-a', [incremented('a', 5)], { expectedVersion }),
      ).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        stream: 'counter-a',
        expected: expectedVersion,
        actual: 2,
      });
    }
    expect((await store.readStream('counter-a')).map((event) => event.data)).toEqual([
      { counter: 'a', by: 1 },
      { counter: 'a', by: 2 },
    ]);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 3 });
    await store.close();
  });

  it('decides a command again when another tab started the stream after it was read', async () => {
    const name = `race-${crypto.randomUUID()}`;
    const here = await openStore({ name, domain: watchedDomain });
    const otherTab = await openStore({ name, domain: testDomain });
    let decisions = 0;
    let theirs: Promise<unknown> | undefined;
    watched.duringDecisions(() => {
      decisions++;
      // Read empty, decided; the other tab's write lands before this one's.
      theirs ??= otherTab.append('counter-b', [incremented('b', 7)], {
        expectedVersion: 'no_stream',
      });
    });
    const result = await here.execute({ type: 'Increment', data: { counter: 'b', by: 3 } });
    watched.duringDecisions(undefined);
    await theirs;

    expect(decisions).toBe(2);
    expect(result.attempts).toBe(2);
    expect(result.events.map((event) => event.version)).toEqual([2]);
    expect((await here.readStream('counter-b')).map((event) => event.data)).toEqual([
      { counter: 'b', by: 7 },
      { counter: 'b', by: 3 },
    ]);
    expect(await here.get('totals', 'b')).toEqual({ counter: 'b', value: 10 });
    await Promise.all([here.close(), otherTab.close()]);
  });
});
