import { z } from 'zod';
import {
  CommandRejectedError,
  defineAggregate,
  defineDomain,
  defineProjection,
} from '../../../../src/core';

type CounterEvent = { type: 'Incremented'; data: { counter: string; by: number } };

export const counter = defineAggregate({
  name: 'counter',
  commands: { Increment: z.object({ counter: z.string(), by: z.number().int() }) },
  events: { Incremented: z.object({ counter: z.string(), by: z.number().int() }) },
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
