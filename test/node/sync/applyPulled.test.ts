import { describe, expect, it } from 'vitest';
import { type Domain, defineDomain } from '../../../src/core/domain';
import { counter, testDomain, totals } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { expectProjectionsMatchReplay, fromServer, wholeLog } from './replay';

let databases = 0;
const open = <D extends Domain = typeof testDomain>(domain: D = testDomain as unknown as D) =>
  openStore({ name: `pull-${++databases}`, domain });

const increment = (name: string, by: number) =>
  ({ type: 'Increment', data: { counter: name, by } }) as const;

describe('applying pulled events', () => {
  it('adds other devices’ events in server order, once, and moves the cursor', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const { events } = await there.execute(increment('a', 5));
    const page = fromServer(events, 1);
    await here.applyPulled(page, 1);
    await here.applyPulled(page, 1);
    const log = await wholeLog(here);
    expect(log.map((e) => [e.id, e.version, e.serverPosition])).toEqual([[events[0]?.id, 1, 1]]);
    expect(await here.pullCursor()).toBe(1);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 5 });
    expect((await here.syncSummary()).pending).toBe(0);
  });

  it('settles this device’s own events when they come back, without duplicating them', async () => {
    const here = await open();
    const { events } = await here.execute(increment('a', 2));
    expect(await here.pendingEvents(10)).toHaveLength(1);
    const [event] = events as [(typeof events)[number]];
    await here.confirmEvents([{ id: event.id, position: event.position, serverPosition: 1 }]);
    expect(await here.pendingEvents(10)).toHaveLength(0);
    await here.applyPulled(fromServer(events, 1), 1);
    expect(await wholeLog(here)).toHaveLength(1);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 2 });
  });

  it('confirms a pushed event found by its id when it is no longer where it was pushed from', async () => {
    const here = await open();
    const { events } = await here.execute(increment('a', 2));
    const [event] = events as [(typeof events)[number]];
    await here.confirmEvents([{ id: event.id, position: event.position + 99, serverPosition: 7 }]);
    expect(await here.pendingEvents(10)).toHaveLength(0);
    expect((await here.readStream('counter-a'))[0]?.serverPosition).toBe(7);
  });

  it('keeps pending work on other streams as it is, under events from elsewhere', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const mine = await here.execute(increment('a', 1));
    const theirs = await there.execute(increment('b', 4));
    const outcome = await here.applyPulled(fromServer(theirs.events, 1), 1);
    expect(outcome).toEqual({ received: 1, rebased: 0, rejected: [] });
    expect((await here.pendingEvents(10)).map((e) => e.id)).toEqual([mine.events[0]?.id]);
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('takes out only the rebased events when settled ones lie between them', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const first = await here.execute(increment('a', 1));
    const between = await there.execute(increment('b', 2));
    await here.applyPulled(fromServer(between.events, 1), 1);
    const second = await here.execute(increment('c', 3));
    const moved = await there.execute(increment('a', 4));
    const outcome = await here.applyPulled(fromServer(moved.events, 2), 2);

    expect(outcome.rebased).toBe(2);
    const log = await wholeLog(here);
    expect(log.map((event) => event.id).sort()).toEqual(
      [first, between, second, moved].map((result) => result.events[0]?.id).sort(),
    );
    expect(log.filter((event) => event.serverPosition === null).map((e) => e.id)).toEqual(
      [first, second].map((result) => result.events[0]?.id),
    );
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('rebases pending commands on a stream another device moved: new versions, same ids', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const mine = await here.execute(increment('a', 1));
    const theirs = await there.execute(increment('a', 10));
    const outcome = await here.applyPulled(fromServer(theirs.events, 1), 1);
    expect(outcome.rebased).toBe(1);
    const pending = await here.pendingEvents(10);
    expect(pending.map((e) => [e.id, e.stream, e.version])).toEqual([
      [mine.events[0]?.id, 'counter-a', 2],
    ]);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 11 });
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('rejects a pending command the new state breaks a rule for, and removes its effect', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const mine = await here.execute(increment('a', 30));
    const theirs = await there.execute(increment('a', 80));
    const outcome = await here.applyPulled(fromServer(theirs.events, 1), 1);
    const rejection = {
      commandId: mine.commandId,
      type: 'Increment',
      reason: 'A counter cannot go above 100',
    };
    expect(outcome.rejected).toEqual([rejection]);
    expect(await here.pendingEvents(10)).toEqual([]);
    expect(await here.get('totals', 'a')).toEqual({ counter: 'a', value: 80 });
    expect((await here.syncSummary()).rejected).toEqual([rejection]);
    await expectProjectionsMatchReplay(here, testDomain);
  });

  it('follows the aggregate’s strategy: reject on conflict, or a custom resolver', async () => {
    const strict = defineDomain({
      aggregates: [{ ...counter, onConflict: 'reject' as const }],
      projections: [totals],
    });
    const halvingCounter: typeof counter = {
      ...counter,
      onConflict: ({ command, state }) =>
        command.type === 'Increment' && state.value > 50
          ? { ...command, data: { ...command.data, by: Math.ceil(command.data.by / 2) } }
          : command,
    };
    const halving = defineDomain({ aggregates: [halvingCounter], projections: [totals] });
    const there = await open();
    const theirs = fromServer((await there.execute(increment('a', 60))).events, 1);

    const rejecting = await open(strict);
    await rejecting.execute(increment('a', 1));
    await rejecting.execute(increment('b', 1));
    const rejected = await rejecting.applyPulled(theirs, 1);
    expect(rejected.rejected.map((r) => r.reason)).toEqual(['Another device changed this first']);
    expect(await rejecting.get('totals', 'b')).toEqual({ counter: 'b', value: 1 });

    const resolving = await open(halving);
    await resolving.execute(increment('a', 9));
    await resolving.applyPulled(theirs, 1);
    expect(await resolving.get('totals', 'a')).toEqual({ counter: 'a', value: 65 });
  });
});
