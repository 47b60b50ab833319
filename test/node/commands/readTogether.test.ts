import { defineAggregate, defineDomain } from 'logbook';
import { openStore } from 'logbook/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counter, testDomain } from '../../../src/testing/conformance/testDomain';
import { eventReads } from '../tableReads';

const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;
const incremented = (counter: string, by: number) => ({
  type: 'Incremented',
  data: { counter, by },
});
const names = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

/** A store holding `history`'s events, opened again so no decision state is kept from them. */
async function storeWith(history: Record<string, number[]>) {
  const name = `together-${crypto.randomUUID()}`;
  const writer = await openStore({ name, domain: testDomain });
  for (const [counter, steps] of Object.entries(history)) {
    await writer.append(
      `counter-${counter}`,
      steps.map((by) => incremented(counter, by)),
    );
  }
  await writer.close();
  return openStore({ name, domain: testDomain });
}

describe('a group of commands on many streams', () => {
  const reads = eventReads();
  beforeEach(reads.install);
  afterEach(reads.uninstall);

  it('reads the log once for all of its new streams, not once per stream', async () => {
    const store = await storeWith({});
    reads.take();

    const results = await Promise.all(names('new', 20).map((c) => store.execute(increment(c, 1))));

    expect(results.map((result) => result.events[0]?.version)).toEqual(Array(20).fill(1));
    // One read of the keys in the streams' range, which holds none: no event read with its value.
    expect(reads.take()).toMatchObject({ requests: 1, valueRows: 0 });
    await store.close();
  });

  it('fails only the command whose stream name is invalid, the rest read together', async () => {
    // A stream name that is no string is no key IndexedDB could read a range by.
    const named = defineAggregate({
      ...counter,
      streamOf: (command) =>
        command.data.counter === 'bad' ? ({} as string) : `counter-${command.data.counter}`,
    });
    const store = await openStore({
      name: `together-${crypto.randomUUID()}`,
      domain: defineDomain({ ...testDomain, aggregates: [named] }),
    });
    reads.take();

    const outcomes = await Promise.allSettled(
      [...names('ok', 10), 'bad'].map((c) => store.execute(increment(c, 1))),
    );

    expect(outcomes.at(-1)).toMatchObject({
      status: 'rejected',
      reason: { name: 'ValidationError', field: 'stream' },
    });
    expect(outcomes.slice(0, -1).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(reads.take().requests).toBe(1);
    await store.close();
  });

  it('folds the streams with history among them from one read of their range, whole', async () => {
    const store = await storeWith({ 'mixed-03': [40, 55], 'mixed-07': [10] });
    reads.take();

    const outcomes = await Promise.allSettled(
      names('mixed', 10).map((c) => store.execute(increment(c, 10))),
    );

    // At 95, ten more is over the limit: the decision saw the stream's whole history.
    expect(outcomes[3]).toMatchObject({
      status: 'rejected',
      reason: { name: 'CommandRejectedError' },
    });
    expect(outcomes[7]).toMatchObject({
      status: 'fulfilled',
      value: { events: [{ version: 2 }] },
    });
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(9);
    // The range's keys and then its events (those of the two streams with history), then the
    // write proving where those two end: the one it adds to by where the version it read is,
    // keys only (adding the next version proves nothing follows), the other by its last event
    // (new streams need no proof: adding version 1 is it).
    expect(reads.take()).toMatchObject({ requests: 2 + 2, valueRows: 3 + 1 });
    expect((await store.get('totals', 'mixed-07'))?.value).toBe(20);
    await store.close();
  });

  it('reads stream by stream when the streams’ range holds many more events than a few each', async () => {
    const long = Object.fromEntries(names('long', 8).map((c) => [c, Array(10).fill(1)]));
    const store = await storeWith(long);
    reads.take();

    const results = await Promise.all(names('long', 8).map((c) => store.execute(increment(c, 5))));

    expect(results.map((result) => result.events[0]?.version)).toEqual(Array(8).fill(11));
    // The keys that were too many, a read per stream, and the write's proofs of where each ends.
    expect(reads.take().requests).toBe(1 + 8 + 8);
    expect((await store.get('totals', 'long-00'))?.value).toBe(15);
    await store.close();
  });
});
