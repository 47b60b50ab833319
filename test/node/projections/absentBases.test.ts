import { Dexie } from 'dexie';
import { defineDomain, defineProjection } from 'logbook';
import { openStore } from 'logbook/worker';
import { describe, expect, it } from 'vitest';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { storedRows } from '../storedRows';
import { expectProjectionsMatchReplay, fromServer } from '../sync/replay';

const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;

type DoorData = { door: string; by: string };
type DoorEvent = { type: 'Opened'; data: DoorData } | { type: 'Closed'; data: DoorData };
/** A view that events create, delete and create again: open doors, by who opened them. */
const openDoors = defineProjection<{ by: string }, DoorEvent>()({
  name: 'openDoors',
  version: 1,
  key: (event) => event.data.door,
  on: { Opened: (_view, event) => ({ by: event.data.by }), Closed: () => null },
});
const doorDomain = defineDomain({ aggregates: [], projections: [openDoors] });
const door = (type: DoorEvent['type'], by: string) => ({ type, data: { door: 'front', by } });

let databases = 0;
async function device<D extends typeof testDomain | typeof doorDomain = typeof testDomain>(
  domain: D = testDomain as D,
) {
  const name = `absent-bases-${++databases}`;
  return { name, store: await openStore({ name, domain }) };
}

/** Two devices of the door domain: `here`, whose database is `name`, and `there`. */
async function doorDevices() {
  const { name, store: here } = await device(doorDomain);
  return { name, here, there: (await device(doorDomain)).store };
}

type DoorStore = Awaited<ReturnType<typeof doorDevices>>['here'];

/** `there` opens another door, pulled `here` at server position `at`: a pull that rewinds. */
async function pullTheirs(here: DoorStore, there: DoorStore, at: number) {
  const theirs = await there.append('door-back', [door('Opened', 'cy')]);
  await here.applyPulled(fromServer(theirs.events, at), at);
}

/** Ann opens the front door and closes it, then Bob opens it: three appends, all pending. */
async function openCloseReopen(here: DoorStore) {
  const opened = await here.append('door-front', [door('Opened', 'ann')]);
  const closed = await here.append('door-front', [door('Closed', 'ann')]);
  await here.append('door-front', [door('Opened', 'bob')]);
  return { opened: opened.events, closed: closed.events };
}

/** The keys of the views stored marked `baseAbsent`, as `[projection, key]`. */
const markedViews = async (name: string) =>
  (await storedRows(name, 'views'))
    .filter((row) => row.baseAbsent)
    .map(({ projection, key }) => [projection, key]);

/** The kept bases stored, as `[projection, key, value]`. */
const storedBases = async (name: string) =>
  (await storedRows(name, 'viewBases')).map(({ projection, key, value }) => [
    projection,
    key,
    value,
  ]);

describe('a view that pending events created', () => {
  it('keeps no base row: its base is absence, marked on the view', async () => {
    const { name, store } = await device();
    await store.append('counter-seed', [{ type: 'Incremented', data: { counter: 'old', by: 1 } }]);
    await store.confirmEvents([]);
    const seeded = await storedBases(name);

    await store.execute(increment('new', 2));
    await store.execute(increment('new', 3));

    expect(await storedBases(name)).toEqual(seeded);
    expect(await store.get('totals', 'new')).toEqual({ counter: 'new', value: 5 });
    await store.close();
  });

  it('is a format the code before the mark cannot open, so it never reads a marked view as settled', async () => {
    const { name, store } = await device();
    await store.execute(increment('new', 2));
    await store.close();
    const before = new Dexie(name);
    before.version(5).stores({});
    await before.open();

    // What the store's code refused a database by, before the mark (Dexie's version N is N * 10).
    expect(before.backendDB().version).toBeGreaterThan(before.verno * 10);
    before.close();
  });

  it('is taken out by a rewind, so a rebase rejecting its command leaves only theirs', async () => {
    const [here, there] = [(await device()).store, (await device()).store];
    await here.execute(increment('c', 1));
    const theirs = await there.execute(increment('c', 100));

    const outcome = await here.applyPulled(fromServer(theirs.events, 1), 1);

    expect(outcome.rejected).toHaveLength(1);
    expect(await here.get('totals', 'c')).toEqual({ counter: 'c', value: 100 });
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('is rewound to its settled value once all its events settled and another is pending', async () => {
    const [here, there] = [(await device()).store, (await device()).store];
    const first = await here.execute(increment('a', 2));
    await here.applyPulled(fromServer(first.events, 1), 1);
    expect((await here.syncSummary()).pending).toBe(0);
    await here.execute(increment('a', 3));
    const theirs = await there.execute(increment('b', 4));

    await here.applyPulled(fromServer(theirs.events, 2), 2);

    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 5 });
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('is rewound to its settled value once its first event settled and the next is pending', async () => {
    const [here, there] = [(await device()).store, (await device()).store];
    const first = await here.execute(increment('a', 2));
    await here.execute(increment('a', 3));
    await here.applyPulled(fromServer(first.events, 1), 1);
    expect((await here.syncSummary()).pending).toBe(1);
    const theirs = await there.execute(increment('b', 4));

    await here.applyPulled(fromServer(theirs.events, 2), 2);

    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 5 });
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('loses its mark when its base becomes a value, though other views settle after it', async () => {
    const [here, there] = [(await device()).store, (await device()).store];
    const onA = await here.execute(increment('a', 2));
    const onB = await here.execute(increment('b', 1));
    await here.applyPulled(fromServer(onA.events, 1), 1);
    await here.applyPulled(fromServer(onB.events, 2), 2);
    expect((await here.syncSummary()).pending).toBe(0);
    await here.execute(increment('a', 3));
    const theirs = await there.execute(increment('c', 4));

    await here.applyPulled(fromServer(theirs.events, 3), 3);

    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 5 });
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('created, deleted and created again, is rewound to the base its first settled event left', async () => {
    const { here, there } = await doorDevices();
    const { opened } = await openCloseReopen(here);
    await here.applyPulled(fromServer(opened, 1), 1);

    await pullTheirs(here, there, 2);

    expect(await here.get('openDoors', 'front')).toEqual({ by: 'bob' });
    await expectProjectionsMatchReplay(here, doorDomain);
  });

  it('created and deleted by settled events, created again by a pending one, is rewound to that one', async () => {
    const { name, here, there } = await doorDevices();
    const { opened, closed } = await openCloseReopen(here);
    await here.applyPulled(fromServer([...opened, ...closed], 1), 2);
    expect((await here.syncSummary()).pending).toBe(1);
    expect(await markedViews(name)).toEqual([['openDoors', 'front']]);

    await pullTheirs(here, there, 3);

    expect(await here.get('openDoors', 'front')).toEqual({ by: 'bob' });
    await expectProjectionsMatchReplay(here, doorDomain);
  });

  it('deleted by a pending event that settles alone, created again by a pending one, is rewound to that one', async () => {
    const { name, here, there } = await doorDevices();
    const opened = await here.append('door-front', [door('Opened', 'ann')]);
    await here.applyPulled(fromServer(opened.events, 1), 1);
    const closed = await here.append('door-front', [door('Closed', 'ann')]);
    await here.append('door-front', [door('Opened', 'bob')]);
    await here.applyPulled(fromServer(closed.events, 2), 2);
    expect(await storedBases(name)).toEqual([['openDoors', 'front', null]]);

    await pullTheirs(here, there, 3);

    expect(await here.get('openDoors', 'front')).toEqual({ by: 'bob' });
    await expectProjectionsMatchReplay(here, doorDomain);
  });

  it('loses its mark once every event settled, so a later pending delete is rewound to it', async () => {
    const { name, here, there } = await doorDevices();
    const mine = [
      await here.append('door-front', [door('Opened', 'ann')]),
      await here.append('door-front', [door('Closed', 'ann')]),
      await here.append('door-front', [door('Opened', 'bob')]),
    ].flatMap((appended) => appended.events);
    await here.applyPulled(fromServer(mine, 1), 3);
    expect((await here.syncSummary()).pending).toBe(0);
    expect(await markedViews(name)).toEqual([]);
    expect(await storedBases(name)).toEqual([]);
    await here.append('door-front', [door('Closed', 'bob')]);

    await pullTheirs(here, there, 4);

    expect(await here.get('openDoors', 'front')).toBeUndefined();
    await expectProjectionsMatchReplay(here, doorDomain);
  });
});
