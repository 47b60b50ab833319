import { CommandRejectedError, defineAggregate, defineDomain, defineProjection } from 'logbook';
import * as z from 'zod/mini';

type CounterEvent = { type: 'Incremented'; data: { counter: string; by: number } };
const increment = z.object({ counter: z.string(), by: z.int() });

export const counter = defineAggregate({
  name: 'counter',
  commands: { Increment: increment },
  events: { Incremented: increment },
  streamOf: (command) => `counter-${command.data.counter}`,
  initialState: () => ({ value: 0 }),
  evolve: (state, event: CounterEvent) => ({ value: state.value + event.data.by }),
  decide: (command, state): CounterEvent[] => {
    if (state.value + command.data.by > 100) {
      throw new CommandRejectedError({ reason: 'A counter cannot go above 100' });
    }
    return [{ type: 'Incremented', data: command.data }];
  },
});

const totals = defineProjection<{ counter: string; value: number }, CounterEvent>()({
  name: 'totals',
  version: 1,
  key: (event) => event.data.counter,
  on: {
    Incremented: (view, event) => ({
      counter: event.data.counter,
      value: (view?.value ?? 0) + event.data.by,
    }),
  },
});

export const counterDomain = defineDomain({ aggregates: [counter], projections: [totals] });
