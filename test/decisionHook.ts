import type { Command } from '../src/core/commands';
import type { AnyAggregate } from '../src/core/domain';

/**
 * The aggregate, calling `hook` inside each of its decisions: after the command's streams were
 * read, before what was decided is written. Lets a test land another write in exactly that gap.
 */
export function watchDecisions<A extends AnyAggregate>(aggregate: A) {
  let hook: ((command: Command) => void) | undefined;
  const watched: A = {
    ...aggregate,
    decide: (command: Command, state: unknown) => {
      hook?.(command);
      return aggregate.decide(command, state);
    },
  };
  return {
    aggregate: watched,
    /** Runs `next` inside every decision from now on; `undefined` stops it. */
    duringDecisions(next: ((command: Command) => void) | undefined) {
      hook = next;
    },
  };
}
