import { dequal } from 'dequal';
import type { Command } from '../core/commands';
import type { Decider } from '../core/decider';
import { CommandRejectedError } from '../core/errors';
import type { DomainEvent } from '../core/events';

type Outcome<E> = { events: E[] } | { rejected: string };

const show = (value: unknown) => JSON.stringify(value, null, 2);

const describeOutcome = (outcome: Outcome<unknown>) =>
  'rejected' in outcome
    ? `rejected with "${outcome.rejected}"`
    : `decided events:\n${show(outcome.events)}`;

/**
 * Given/when/then for a decider, runner agnostic: `then` and `thenRejects` throw a plain Error on
 * a mismatch. `deciderSpec(cart).given([itemAdded]).when(checkOut).then([cartCheckedOut])`.
 */
export function deciderSpec<State, C extends Command, E extends DomainEvent>(
  decider: Decider<State, C, E>,
) {
  return {
    given: (history: E[]) => ({
      when: (command: C) => {
        const outcome = (): Outcome<E> => {
          const state = history.reduce(decider.evolve, decider.initialState());
          try {
            const events = decider.decide(command, state);
            return { events: Array.isArray(events) ? events : [events] };
          } catch (error) {
            if (error instanceof CommandRejectedError) return { rejected: error.reason };
            throw error;
          }
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: given/when/then is the point; this is never awaited
          then(expected: E[]): void {
            const actual = outcome();
            if ('events' in actual && dequal(actual.events, expected)) return;
            // `expected` and `actual` on the error let Vitest and Jest print a diff.
            throw Object.assign(
              new Error(
                `Expected events:\n${show(expected)}\nbut ${command.type} ${describeOutcome(actual)}`,
              ),
              { expected, actual: 'events' in actual ? actual.events : actual },
            );
          },
          thenRejects(reason: string | RegExp): void {
            const actual = outcome();
            const matches = (text: string) =>
              typeof reason === 'string' ? text.includes(reason) : reason.test(text);
            if ('rejected' in actual && matches(actual.rejected)) return;
            throw new Error(
              `Expected ${command.type} to be rejected with ${String(reason)}\nbut it ${describeOutcome(actual)}`,
            );
          },
        };
      },
    }),
  };
}
