import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/core/events';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { eventReads, tableReads } from '../tableReads';
import { fromServer } from './replay';

const open = () => openStore({ name: `rebase-reads-${crypto.randomUUID()}`, domain: testDomain });
const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;

async function executed(store: Awaited<ReturnType<typeof open>>, count: number, by: number) {
  const events: RecordedEvent[] = [];
  for (let i = 0; i < count; i++) events.push(...(await store.execute(increment('a', by))).events);
  return events;
}

describe('a rebase over pulled events', () => {
  const reads = eventReads();
  beforeEach(reads.install);
  afterEach(reads.uninstall);

  it('decides again on the pulled events without reading them back', async () => {
    const [here, there] = [await open(), await open()];
    await executed(here, 3, 1);
    const theirs = await executed(there, 40, 2);
    reads.take();

    const outcome = await here.applyPulled(fromServer(theirs, 1), theirs.length);

    expect(outcome.rebased).toBe(3);
    // The three pending events are read to rebase them; none of the forty pulled.
    expect(reads.take().valueRows).toBeLessThanOrEqual(3);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 83 });
    const stream = await here.readStream('counter-a');
    expect(stream.map((event) => event.version)).toEqual(stream.map((_, i) => i + 1));
  });

  it('still reads what the stream held before the pulled events', async () => {
    const [here, there] = [await open(), await open()];
    const shared = await executed(there, 5, 1);
    await here.applyPulled(fromServer(shared, 1), shared.length);
    await executed(here, 2, 1);
    const theirs = await executed(there, 20, 2);

    reads.take();

    const outcome = await here.applyPulled(fromServer(theirs, shared.length + 1), 25);

    expect(outcome.rebased).toBe(2);
    // The five events from before and the two pending are read; the twenty pulled are not.
    expect(reads.take().valueRows).toBeLessThanOrEqual(7);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 47 });
    const rebased = (await here.readStream('counter-a')).slice(-2);
    expect(rebased.map((event) => [event.version, event.data])).toEqual([
      [26, { counter: 'a', by: 1 }],
      [27, { counter: 'a', by: 1 }],
    ]);
  });

  it('reads its pending commands’ records as the one range they lie in, not one by one', async () => {
    const records = tableReads('commands');
    records.install();
    try {
      const [here, there] = [await open(), await open()];
      await executed(here, 12, 1);
      const theirs = await executed(there, 2, 1);
      records.take();

      const outcome = await here.applyPulled(fromServer(theirs, 1), theirs.length);

      expect(outcome.rebased).toBe(12);
      // The range's keys, then its rows: the twelve records, none looked up on its own.
      expect(records.take()).toMatchObject({ requests: 2, lookups: 0, valueRows: 12 });
      expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 14 });
    } finally {
      records.uninstall();
    }
  });

  it('looks its records up one by one when their range holds many other commands', async () => {
    const records = tableReads('commands');
    records.install();
    try {
      const [here, there] = [await open(), await open()];
      const settled = [];
      for (let i = 0; i < 40; i++) {
        const command = { ...increment('old', 1), id: `m-${String(i).padStart(2, '0')}` };
        settled.push(...(await here.execute(command)).events);
      }
      await here.applyPulled(fromServer(settled, 1), settled.length);
      const ids = Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(97 + i * 3)}-own`);
      for (const id of ids) await here.execute({ ...increment('a', 1), id });
      const theirs = await executed(there, 2, 1);
      records.take();

      const outcome = await here.applyPulled(fromServer(theirs, 41), 42);

      expect(outcome).toMatchObject({ rebased: 8, rejected: [] });
      // The range from a-own to v-own holds the forty m-.. commands too: over its budget of 32.
      expect(records.take()).toMatchObject({ lookups: 8, valueRows: 8 });
      expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 10 });
    } finally {
      records.uninstall();
    }
  });
});
