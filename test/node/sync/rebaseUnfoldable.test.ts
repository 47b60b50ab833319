import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAggregate } from '../../../src/core/decider';
import { defineDomain } from '../../../src/core/domain';
import { defineProjection } from '../../../src/core/projection';
import { openStore } from '../../../worker/store/openStore';
import { expectProjectionsMatchReplay, fromServer, wholeLog } from './replay';

type MeterEvent =
  | { type: 'Recorded'; data: { meter: string; kwh: number } }
  | { type: 'Garbled'; data: { meter: string } };

/** Meters whose `evolve` cannot make sense of a `Garbled` event (another app version wrote it). */
const meter = defineAggregate({
  name: 'meter',
  commands: { Record: z.object({ meter: z.string(), kwh: z.number() }) },
  streamOf: (command) => `meter-${command.data.meter}`,
  initialState: () => ({ kwh: 0 }),
  evolve: (state, event: MeterEvent) => {
    if (event.type === 'Garbled') throw new Error('a reading without kWh');
    return { kwh: state.kwh + event.data.kwh };
  },
  decide: (command): MeterEvent[] => [{ type: 'Recorded', data: command.data }],
});
const readings = defineProjection<{ meter: string; kwh: number }, MeterEvent>()({
  name: 'readings',
  version: 1,
  key: (event) => event.data.meter,
  on: {
    Recorded: (view, event) => ({
      meter: event.data.meter,
      kwh: (view?.kwh ?? 0) + event.data.kwh,
    }),
  },
});
const domain = defineDomain({ aggregates: [meter], projections: [readings] });

let databases = 0;
const open = () => openStore({ name: `unfoldable-${++databases}`, domain });
const record = (name: string, kwh: number) =>
  ({ type: 'Record', data: { meter: name, kwh } }) as const;

describe('rebasing onto pulled events the aggregate cannot fold', () => {
  it('rejects the command on that stream, naming the event, and the pull and the rest go on', async () => {
    const [here, there] = await Promise.all([open(), open()]);
    const stuck = await here.execute(record('1', 5));
    const fine = await here.execute(record('2', 7));
    const { events: garbled } = await there.append('meter-1', [
      { type: 'Garbled', data: { meter: '1' } },
    ]);
    const [bad] = garbled as [(typeof garbled)[number]];

    const outcome = await here.applyPulled(fromServer(garbled, 1), 1);

    expect(outcome.rejected).toEqual([
      {
        commandId: stuck.commandId,
        type: 'Record',
        reason: expect.stringMatching(new RegExp(`Garbled.*${bad.id}.*a reading without kWh`)),
      },
    ]);
    expect(await here.pullCursor()).toBe(1);
    expect((await here.readStream('meter-1')).map((e) => e.id)).toEqual([bad.id]);
    expect((await here.pendingEvents(10)).map((e) => e.id)).toEqual([fine.events[0]?.id]);
    expect((await here.syncSummary()).rejected).toEqual(outcome.rejected);

    // Later pages still settle, and pending work elsewhere rebases as usual.
    const { events: theirs } = await there.execute(record('2', 1));
    const next = await here.applyPulled(fromServer(theirs, 2), 2);
    expect(next.rejected).toEqual([]);
    expect((await here.readStream('meter-2')).map((e) => e.data)).toEqual([
      { meter: '2', kwh: 1 },
      { meter: '2', kwh: 7 },
    ]);
    expect(await wholeLog(here)).toHaveLength(3);
    await expectProjectionsMatchReplay(here, domain);
  });
});
