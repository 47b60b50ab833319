import { CommandRejectedError, defineAggregate, defineDomain, defineProjection } from 'logbook';
import { z } from 'zod';

/** A small domain written against the public entry points only, for the type tests. */
export type CounterEvent =
  | { type: 'Incremented'; data: { counter: string; by: number } }
  | { type: 'Reset'; data: { counter: string } };

export const counter = defineAggregate({
  name: 'counter',
  commands: {
    Increment: z.object({ counter: z.string(), by: z.number().int() }),
    Reset: z.object({ counter: z.string() }),
  },
  streamOf: (command) => `counter-${command.data.counter}`,
  initialState: () => ({ value: 0 }),
  evolve: (state, event: CounterEvent) => ({
    value: event.type === 'Reset' ? 0 : state.value + event.data.by,
  }),
  decide: (command, state): CounterEvent[] => {
    if (command.type === 'Reset') return [{ type: 'Reset', data: command.data }];
    if (state.value + command.data.by > 100) {
      throw new CommandRejectedError({ reason: 'A counter cannot go above 100' });
    }
    return [{ type: 'Incremented', data: command.data }];
  },
});

export type TotalView = { counter: string; value: number };
export type ActivityView = { events: number };

export const totals = defineProjection<TotalView, CounterEvent>()({
  name: 'totals',
  version: 1,
  key: (event) => event.data.counter,
  on: {
    Incremented: (view, event) => ({
      counter: event.data.counter,
      value: (view?.value ?? 0) + event.data.by,
    }),
    Reset: (_view, event) => ({ counter: event.data.counter, value: 0 }),
  },
});

export const activity = defineProjection<ActivityView, CounterEvent>()({
  name: 'activity',
  version: 1,
  key: () => 'all',
  on: { Incremented: (view) => ({ events: (view?.events ?? 0) + 1 }) },
});

export const counterDomain = defineDomain({
  aggregates: [counter],
  projections: [totals, activity],
});
export type CounterDomain = typeof counterDomain;
