import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Domain, defineDomain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { defineProjection, replayProjection } from '../../../src/core/projection';
import type { LocalStore } from '../../../src/core/store';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { exportAll } from '../../../src/testing/conformance/history';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { fromServer, logInReplayOrder, wholeLog } from '../sync/replay';
import { openSyncedDevice } from '../sync/syncedDevice';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

type CounterEvent =
  | { type: 'Incremented'; data: { counter: string; by: number } }
  | { type: 'Poisoned'; data: { counter: string } };

/** Every event's id in the order applied: a projection that takes `Poisoned` in its stride. */
const timeline = defineProjection<{ ids: string[] }, CounterEvent>()({
  name: 'timeline',
  version: 1,
  key: () => 'all',
  on: {
    Incremented: (view, event) => ({ ids: [...(view?.ids ?? []), event.id] }),
    Poisoned: (view, event) => ({ ids: [...(view?.ids ?? []), event.id] }),
  },
});
/** `totals` fixed in the next version of the app: `Poisoned` leaves a total as it is. */
const totalsV2 = defineProjection<{ counter: string; value: number }, CounterEvent>()({
  ...totals,
  version: 2,
  on: { Incremented: totals.on.Incremented, Poisoned: (view) => view ?? null },
});
/** This device's app: `totals` throws on `Poisoned`. */
const here = defineDomain({ aggregates: [counter], projections: [totals, timeline] });
/** Another device's app, which records `Poisoned` without trouble. */
const there = defineDomain({ aggregates: [counter], projections: [timeline] });

let runs = 0;
const open = <D extends Domain>(domain: D) =>
  openStore({ name: `failed-projection-${++runs}`, domain });
const increment = (name: string, by: number) =>
  ({ type: 'Increment', data: { counter: name, by } }) as const;
const poison = (name: string) => ({ type: 'Poison', data: { counter: name } }) as const;

/** A device with one pending increment, and another's increment and poison pulled on top. */
async function pulledPoison() {
  const name = `failed-projection-${++runs}`;
  const [store, other] = await Promise.all([openStore({ name, domain: here }), open(there)]);
  await store.execute(increment('a', 1));
  const theirs = [
    ...(await other.execute(increment('b', 2))).events,
    ...(await other.execute(poison('b'))).events,
  ];
  const outcome = await store.applyPulled(fromServer(theirs, 1), 2);
  await other.close();
  return { name, store, outcome, poisoned: theirs[1] as RecordedEvent };
}

const failedOn = (event: RecordedEvent) => ({
  name: 'ProjectionFailedError',
  projection: 'totals',
  eventId: event.id,
  eventType: 'Poisoned',
  reason: 'poisoned',
});

/** `timeline` equals a replay of the whole log in replay order. */
async function expectTimelineMatchesReplay(store: LocalStore<typeof here>) {
  const replayed = replayProjection(timeline, await logInReplayOrder(store));
  expect(await store.get('timeline', 'all')).toEqual(replayed.get('all'));
}

describe('a projection that throws on an event from elsewhere', () => {
  it('is marked failed, naming the event, while the pull completes and the event stays', async () => {
    const { store, outcome, poisoned } = await pulledPoison();

    expect(outcome.received).toBe(2);
    expect((await wholeLog(store)).map((event) => event.id)).toContain(poisoned.id);
    expect(await store.pullCursor()).toBe(2);
    expect(await store.projectionStatus()).toEqual([
      {
        name: 'totals',
        version: 1,
        status: 'failed',
        eventId: poisoned.id,
        eventType: 'Poisoned',
        reason: 'poisoned',
        processed: 0,
        total: 3,
      },
      { name: 'timeline', version: 1, status: 'ready', processed: 3, total: 3 },
    ]);
    await expect(store.get('totals', 'a')).rejects.toMatchObject(failedOn(poisoned));
    await expect(store.list('totals')).rejects.toMatchObject(failedOn(poisoned));
    await expectTimelineMatchesReplay(store);
    await store.close();
  });

  it('takes no further events, and neither local appends nor later pulls fail because of it', async () => {
    const { store, poisoned } = await pulledPoison();
    const other = await open(there);

    await store.execute(increment('a', 3));
    await store.append('counter-c', [{ type: 'Incremented', data: { counter: 'c', by: 4 } }]);
    const later = await other.execute(increment('d', 5));
    expect((await store.applyPulled(fromServer(later.events, 3), 3)).received).toBe(1);

    expect((await store.projectionStatus())[0]).toMatchObject({
      status: 'failed',
      eventId: poisoned.id,
    });
    await expect(store.get('totals', 'c')).rejects.toMatchObject(failedOn(poisoned));
    await expectTimelineMatchesReplay(store);
    await Promise.all([store.close(), other.close()]);
  });

  it('is marked failed when a pending command rebased on other devices’ events makes it throw', async () => {
    const capped = defineProjection<{ value: number }, CounterEvent>()({
      name: 'capped',
      version: 1,
      key: (event) => event.data.counter,
      on: {
        Incremented: (view, event) => {
          const value = (view?.value ?? 0) + event.data.by;
          if (value > 10) throw new Error('over 10');
          return { value };
        },
      },
    });
    const store = await open(defineDomain({ aggregates: [counter], projections: [capped] }));
    const other = await open(there);
    const mine = await store.execute(increment('a', 6));
    const theirs = await other.execute(increment('a', 5));

    const outcome = await store.applyPulled(fromServer(theirs.events, 1), 1);

    expect(outcome).toMatchObject({ received: 1, rebased: 1, rejected: [] });
    const stream = await store.readStream('counter-a');
    expect(stream.map((event) => [event.id, event.data])).toEqual([
      [theirs.events[0]?.id, { counter: 'a', by: 5 }],
      [mine.events[0]?.id, { counter: 'a', by: 6 }],
    ]);
    expect((await store.projectionStatus())[0]).toMatchObject({
      status: 'failed',
      eventId: mine.events[0]?.id,
      eventType: 'Incremented',
      reason: 'over 10',
    });
    await Promise.all([store.close(), other.close()]);
  });

  it('is tried again from scratch by a rebuild, and a fixed version replays everything', async () => {
    const { name, store, poisoned } = await pulledPoison();
    await store.rebuildProjection('totals');
    await store.projectionsReady();
    expect((await store.projectionStatus())[0]).toMatchObject({
      status: 'failed',
      eventId: poisoned.id,
    });
    const log = await logInReplayOrder(store);
    await store.close();

    const fixed = await openStore({
      name,
      domain: defineDomain({ aggregates: [counter], projections: [totalsV2, timeline] }),
    });
    await fixed.projectionsReady();
    expect((await fixed.projectionStatus())[0]).toMatchObject({ status: 'ready', version: 2 });
    const replayed = replayProjection(totalsV2, log);
    expect(await fixed.list('totals')).toEqual([replayed.get('a'), replayed.get('b')]);
    expect(await fixed.get('totals', 'b')).toEqual({ counter: 'b', value: 2 });
    await fixed.close();
  });

  it('is marked failed by an import of a log holding such an event, which imports everything', async () => {
    const source = await open(there);
    await source.execute(increment('a', 1));
    await source.execute(poison('a'));
    const copy = await open(here);

    expect(await copy.importLog(await exportAll(source))).toEqual({ imported: 2 });
    expect((await copy.projectionStatus()).map((status) => status.status)).toEqual([
      'failed',
      'ready',
    ]);
    await expectTimelineMatchesReplay(copy);
    await Promise.all([source.close(), copy.close()]);
  });
});

describe('a projection whose index cannot index a view', () => {
  /** `totals`, listed by a size its index cannot give past 10, and by a term that is no key. */
  const sized = defineProjection<{ counter: string; value: number }, CounterEvent>()({
    ...totals,
    name: 'sized',
    indexes: {
      size: (view) => {
        if (view.value > 10) throw new Error('too big to index');
        return view.value;
      },
      shape: (view) => (view.value === 7 ? ({ seven: true } as never) : 'plain'),
    },
  });
  const sizedHere = defineDomain({ aggregates: [counter], projections: [sized, timeline] });

  it('refuses a local write by name, storing nothing', async () => {
    const store = await open(sizedHere);
    await expect(store.execute(increment('a', 7))).rejects.toMatchObject({
      name: 'ProjectionFailedError',
      projection: 'sized',
      eventType: 'Incremented',
      reason: 'its index "shape" is {"seven":true}, not a string or a number',
    });
    await expect(store.execute(increment('a', 11))).rejects.toMatchObject({
      name: 'ProjectionFailedError',
      projection: 'sized',
      reason: 'its index "size" threw: too big to index',
    });
    expect(await store.headPosition()).toBe(0);
    expect(await store.list('sized')).toEqual([]);
    await store.close();
  });

  it('is marked failed by a pulled event that makes it throw, naming the event, while the pull completes', async () => {
    const [store, other] = await Promise.all([open(sizedHere), open(there)]);
    await store.execute(increment('a', 1));
    const theirs = [
      ...(await other.execute(increment('b', 2))).events,
      ...(await other.execute(increment('b', 20))).events,
    ];

    const outcome = await store.applyPulled(fromServer(theirs, 1), 2);

    expect(outcome.received).toBe(2);
    expect(await store.pullCursor()).toBe(2);
    expect((await store.projectionStatus())[0]).toMatchObject({
      name: 'sized',
      status: 'failed',
      eventId: theirs[1]?.id,
      reason: 'its index "size" threw: too big to index',
    });
    await expectTimelineMatchesReplay(store as unknown as LocalStore<typeof here>);
    await Promise.all([store.close(), other.close()]);
  });
});

describe('an index that cannot index a view some event made on the way', () => {
  /** Sums, listed by a value the index gives as NaN (no key) at exactly 7. */
  const sums = defineProjection<{ value: number }, CounterEvent>()({
    name: 'sums',
    version: 1,
    key: (event) => event.data.counter,
    indexes: { odd: (view) => (view.value === 7 ? Number.NaN : view.value) },
    on: { Incremented: (view, event) => ({ value: (view?.value ?? 0) + event.data.by }) },
  });
  const sumsHere = defineDomain({ aggregates: [counter], projections: [sums] });
  const failedAt = (event: RecordedEvent | undefined) => ({
    status: 'failed',
    eventId: event?.id,
    reason: 'its index "odd" is NaN, not a string or a number',
  });

  it('fails the projection on that event however the events are paged, as a rebuild does', async () => {
    const other = await open(there);
    const theirs = [
      ...(await other.execute(increment('a', 7))).events,
      ...(await other.execute(increment('a', 1))).events,
    ];
    const [onePage, twoPages] = await Promise.all([open(sumsHere), open(sumsHere)]);
    await onePage.applyPulled(fromServer(theirs, 1), 2);
    await twoPages.applyPulled(fromServer(theirs.slice(0, 1), 1), 1);
    await twoPages.applyPulled(fromServer(theirs.slice(1), 2), 2);

    expect((await onePage.projectionStatus())[0]).toMatchObject(failedAt(theirs[0]));
    expect((await twoPages.projectionStatus())[0]).toMatchObject(failedAt(theirs[0]));
    await onePage.rebuildProjection('sums');
    await onePage.projectionsReady();
    expect((await onePage.projectionStatus())[0]).toMatchObject(failedAt(theirs[0]));
    await Promise.all([onePage.close(), twoPages.close(), other.close()]);
  });

  it('refuses a local write through such a view, even when its last view can be indexed', async () => {
    const store = await open(sumsHere);
    await expect(
      store.append('counter-a', [
        { type: 'Incremented', data: { counter: 'a', by: 7 } },
        { type: 'Incremented', data: { counter: 'a', by: 1 } },
      ]),
    ).rejects.toMatchObject({ name: 'ProjectionFailedError', projection: 'sums' });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('never stops a pull whose rewind restores a kept base its index no longer takes', async () => {
    // The index changed without a new version: the base it took as the events settled, it no
    // longer can. What it holds was a view once, and goes back as it was stored.
    let changed = false;
    const counts = defineProjection<{ value: number }, CounterEvent>()({
      ...sums,
      name: 'counts',
      indexes: { odd: (view) => (changed && view.value === 7 ? Number.NaN : view.value) },
    });
    const store = await open(defineDomain({ aggregates: [counter], projections: [counts] }));
    const other = await open(there);
    const first = (await store.execute(increment('a', 7))).events;
    await store.execute(increment('a', 1));
    await store.applyPulled(fromServer(first, 1), 1);
    changed = true;
    const theirs = (await other.execute(increment('b', 1))).events;

    await store.applyPulled(fromServer(theirs, 2), 2);

    expect(await store.pullCursor()).toBe(2);
    expect((await store.projectionStatus())[0]).toMatchObject({ status: 'ready' });
    expect(await store.list('counts', { index: 'odd', equals: 8 })).toEqual([{ value: 8 }]);
    await Promise.all([store.close(), other.close()]);
  });
});

describe('a projection that throws as its own settled events move its bases', () => {
  it('is marked failed, while the pull settles them and the rest stays unsettled', async () => {
    // A handler changed without a new version: it took these events as they were appended and
    // throws on them as they settle, when the store folds them into the views' settled bases.
    let changed = false;
    const flaky = defineProjection<{ value: number }, CounterEvent>()({
      name: 'flaky',
      version: 1,
      key: (event) => event.data.counter,
      on: {
        Incremented: (view, event) => {
          if (changed) throw new Error('changed without a new version');
          return { value: (view?.value ?? 0) + event.data.by };
        },
      },
    });
    const store = await open(
      defineDomain({ aggregates: [counter], projections: [flaky, timeline] }),
    );
    const first = (await store.execute(increment('a', 1))).events;
    await store.execute(increment('a', 2));
    changed = true;

    const outcome = await store.applyPulled(fromServer(first, 1), 1);

    expect(outcome).toEqual({ received: 0, rebased: 0, rejected: [] });
    expect(await store.pullCursor()).toBe(1);
    expect((await store.syncSummary()).pending).toBe(1);
    expect(await store.projectionStatus()).toEqual([
      {
        name: 'flaky',
        version: 1,
        status: 'failed',
        eventId: first[0]?.id,
        eventType: 'Incremented',
        reason: 'changed without a new version',
        processed: 0,
        total: 2,
      },
      { name: 'timeline', version: 1, status: 'ready', processed: 2, total: 2 },
    ]);
    await expectTimelineMatchesReplay(store as unknown as LocalStore<typeof here>);
    await store.close();
  });
});

describe('a device whose projection fails on a pulled event', () => {
  it('keeps syncing: its own events are pushed and the next pulls go through', async () => {
    const [mine, theirs] = await Promise.all([
      openSyncedDevice(`failed-projection-${++runs}`, here),
      openSyncedDevice(`failed-projection-${++runs}`, there),
    ]);
    await mine.store.execute(increment('a', 1));
    await theirs.store.execute(poison('b'));
    await theirs.sync.syncNow();

    await mine.sync.syncNow();
    await theirs.store.execute(increment('b', 2));
    await theirs.sync.syncNow();
    await mine.sync.syncNow();

    expect((await mine.store.syncSummary()).status).toMatchObject({
      state: 'idle',
      lastError: null,
    });
    expect((await mine.store.syncSummary()).pending).toBe(0);
    expect(await mine.store.headPosition()).toBe(3);
    expect((await mine.store.projectionStatus())[0]?.status).toBe('failed');
    await expectTimelineMatchesReplay(mine.store);
    await Promise.all([mine.close(), theirs.close()]);
  });
});
