import { z } from 'zod';
import { defineAggregate } from '../../core/decider';
import { defineDomain } from '../../core/domain';
import { CommandRejectedError } from '../../core/errors';
import { defineProjection } from '../../core/projection';

type CounterEvent =
  | { type: 'Incremented'; data: { counter: string; by: number } }
  | { type: 'Poisoned'; data: { counter: string } };

/** A tiny domain for the conformance suite: counters that refuse to go above a limit. */
export const counter = defineAggregate({
  name: 'counter',
  commands: {
    Increment: z.object({ counter: z.string().min(1), by: z.number().int() }),
    Poison: z.object({ counter: z.string().min(1) }),
  },
  streamOf: (command) => `counter-${command.data.counter}`,
  initialState: () => ({ value: 0 }),
  evolve: (state, event: CounterEvent) =>
    event.type === 'Incremented' ? { value: state.value + event.data.by } : state,
  decide: (command, state): CounterEvent[] => {
    if (command.type === 'Poison') return [{ type: 'Poisoned', data: command.data }];
    if (command.data.by <= 0)
      throw new CommandRejectedError({ reason: 'Increment must be positive' });
    if (state.value + command.data.by > 100) {
      throw new CommandRejectedError({ reason: 'A counter cannot go above 100' });
    }
    return [{ type: 'Incremented', data: command.data }];
  },
});

/** Counter totals, listable by parity; throws on `Poisoned` to prove appends are atomic. */
export const totals = defineProjection<{ counter: string; value: number }, CounterEvent>()({
  name: 'totals',
  version: 1,
  key: (event) => event.data.counter,
  indexes: {
    parity: (view) => (view.value % 2 === 0 ? 'even' : 'odd'),
    value: (view) => view.value,
  },
  on: {
    Incremented: (view, event) => ({
      counter: event.data.counter,
      value: (view?.value ?? 0) + event.data.by,
    }),
    Poisoned: () => {
      throw new Error('poisoned');
    },
  },
});

export const testDomain = defineDomain({ aggregates: [counter], projections: [totals] });
