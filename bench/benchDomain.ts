import { z } from 'zod';
import { defineAggregate } from '../src/core/decider';
import { defineDomain } from '../src/core/domain';
import { defineProjection } from '../src/core/projection';

/** About 200 bytes of JSON: a sensor reading with a note, as a typical small event. */
export type Reading = { sensor: string; value: number; note: string };
type SensorEvent = { type: 'Recorded'; data: Reading };

const NOTE = 'calibrated reading from the north wing, within tolerance; '.repeat(3).slice(0, 150);

export function reading(i: number, sensor = `s-${i % 100}`): Reading {
  return { sensor, value: (i * 7919) % 1000, note: NOTE };
}

/** Sensors take readings; the projection keeps a running count, sum and last value per sensor. */
export const sensor = defineAggregate({
  name: 'sensor',
  commands: { Record: z.object({ sensor: z.string(), value: z.number(), note: z.string() }) },
  streamOf: (command) => `sensor-${command.data.sensor}`,
  initialState: () => ({ count: 0 }),
  evolve: (state, _event: SensorEvent) => ({ count: state.count + 1 }),
  decide: (command): SensorEvent[] => [{ type: 'Recorded', data: command.data }],
});

export type SensorTotals = { sensor: string; count: number; sum: number; last: number };

export const readings = defineProjection<SensorTotals, SensorEvent>()({
  name: 'readings',
  version: 1,
  key: (event) => event.data.sensor,
  on: {
    Recorded: (view, event) => ({
      sensor: event.data.sensor,
      count: (view?.count ?? 0) + 1,
      sum: (view?.sum ?? 0) + event.data.value,
      last: event.data.value,
    }),
  },
});

export const benchDomain = defineDomain({ aggregates: [sensor], projections: [readings] });
