import type { RecordedEvent } from 'logbook';
import { openStore } from 'logbook/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { fromServer } from '../sync/replay';
import { eventReads } from '../tableReads';

const PAGE = 500;
const PULLED = 2_000;
// Appended 100 at a time, so the middle ends a batch: all events up to it, and no later one, were recorded by its time.
const HOT = 1_400;

const reads = eventReads();
beforeAll(reads.install);
afterAll(reads.uninstall);

let time = 0;
const options = (name: string) => ({
  name,
  domain: testDomain,
  rebuildBatchSize: PAGE,
  clock: { now: () => ++time },
});
const increments = (counter: string, count: number) =>
  Array.from({ length: count }, () => ({ type: 'Incremented', data: { counter, by: 1 } }));

/**
 * A log of many pages: another device's events pulled and settled, then one long local stream
 * of pending events (the unsettled phase of replay order).
 */
async function seededLog(name: string) {
  const there = await openStore(options(`${name}-there`));
  for (let i = 0; i < PULLED / PAGE; i++) {
    await there.append(`counter-c${i}`, increments(`c${i}`, PAGE));
  }
  const here = await openStore(options(name));
  for (let after = 0, more = true; more; ) {
    const page = await there.readAll({ after, limit: PAGE });
    await here.applyPulled(fromServer(page.events, after + 1), page.lastPosition);
    ({ lastPosition: after, hasMore: more } = page);
  }
  await there.close();
  for (let done = 0; done < HOT; done += 100) {
    await here.append('counter-hot', increments('hot', Math.min(100, HOT - done)));
  }
  await here.close();
}

describe('a log of many pages', () => {
  it('is never read whole: startup, rebuild, export and temporal queries read a page at a time', async () => {
    const name = 'never-read-whole';
    await seededLog(name);
    const total = PULLED + HOT;

    reads.take();
    const store = await openStore(options(name));
    expect(await store.get('totals', 'hot')).toEqual({ counter: 'hot', value: HOT });
    const startup = reads.take();

    await store.rebuildProjection('totals');
    await store.projectionsReady();
    expect(await store.get('totals', 'c0')).toEqual({ counter: 'c0', value: PAGE });
    const rebuild = reads.take();

    let lines = 0;
    for (let after = 0, more = true; more; ) {
      const page = await store.exportLog({ after, limit: PAGE });
      lines += page.ndjson.split('\n').length - 1;
      ({ lastPosition: after, hasMore: more } = page);
    }
    expect(lines).toBe(total);
    const exported = reads.take();

    const middle = (await store.readStream('counter-hot', { from: HOT / 2, limit: 1 }))[0];
    const { position, metadata } = middle as RecordedEvent;
    expect(await store.aggregateStateAt('counter', 'counter-hot', { version: HOT / 2 })).toEqual({
      value: HOT / 2,
    });
    expect(
      await store.aggregateStateAt('counter', 'counter-hot', { at: metadata.recordedAt }),
    ).toEqual({ value: HOT / 2 });
    const stateAt = reads.take();
    const views = await store.projectionAt('totals', { position });
    expect(views.find((view) => view.counter === 'hot')).toEqual({
      counter: 'hot',
      value: HOT / 2,
    });
    const projectionAt = reads.take();
    await store.close();

    const phases = { startup, rebuild, exported, stateAt, projectionAt };
    // A page, and the one more row a read takes to know whether there is more.
    for (const [phase, { largest }] of Object.entries(phases)) {
      expect.soft(largest, phase).toBeLessThanOrEqual(PAGE + 1);
    }
    expect(Math.min(rebuild.total, exported.total)).toBeGreaterThanOrEqual(total);
    // Each of the two states read through the stream's index: its events, no others.
    expect(stateAt.total).toBeLessThanOrEqual(2 * HOT + 2);
    // The unsettled phase of replay order is in local position order: nothing after the middle
    // counts, so its reading stops with the page that reaches it. The settled phase is read whole.
    expect(projectionAt.total).toBeLessThanOrEqual(PULLED + HOT / 2 + PAGE);
  });
});
