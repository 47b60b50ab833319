import { v7 as uuidv7 } from 'uuid';
import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { CommandRejectedError, ValidationError } from '../../src/core/errors';
import type { DomainEvent, NewEvent } from '../../src/core/events';
import { validateCommand, validateStreamName } from '../../src/core/validation';
import type { StreamAppend } from '../log/appendStreams';
import { readStream } from '../log/readLog';
import type { LogbookDatabase, SnapshotRow } from '../store/database';

/** Follow-up commands one command may set off through policies, so a loop cannot run forever. */
const MAX_COMMANDS_PER_EXECUTION = 32;

interface StreamWork {
  aggregate: AnyAggregate;
  state: unknown;
  version: number;
  events: NewEvent[];
}

/**
 * The state of an aggregate's stream and its version, folded from the log: from the latest
 * snapshot when there is one for this decider version, else from the start.
 */
export async function loadAggregate(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): Promise<{ state: unknown; version: number }> {
  const snapshot = aggregate.snapshots ? await db.snapshots.get(stream) : undefined;
  const usable = snapshot?.deciderVersion === aggregate.snapshots?.version ? snapshot : undefined;
  const events = await readStream(db, stream, { from: (usable?.version ?? 0) + 1 });
  const state = events.reduce<unknown>(
    (current, event) => aggregate.evolve(current, event),
    usable ? usable.state : aggregate.initialState(),
  );
  return { state, version: events.at(-1)?.version ?? usable?.version ?? 0 };
}

/** A snapshot of the state after the new events, when they cross a multiple of `every`. */
function snapshotAfter(work: StreamWork, stream: string): SnapshotRow | undefined {
  const policy = work.aggregate.snapshots;
  const version = work.version + work.events.length;
  if (!policy || Math.floor(version / policy.every) === Math.floor(work.version / policy.every)) {
    return undefined;
  }
  return { stream, version, deciderVersion: policy.version, state: work.state };
}

/**
 * Decides a command, and the commands its events set off through the domain's policies, on the
 * current state of each stream. Returns the appends, each expecting the version it was decided on.
 */
export async function decideCommand(
  db: LogbookDatabase,
  domain: Domain,
  aggregate: AnyAggregate,
  command: Command & { id: string },
): Promise<StreamAppend[]> {
  const work = new Map<string, StreamWork>();
  const correlationId = command.metadata?.correlationId ?? command.id;
  const queue: { aggregate: AnyAggregate; command: Command; causationId: string }[] = [
    { aggregate, command, causationId: command.metadata?.causationId ?? command.id },
  ];
  let decided = 0;

  for (let next = queue.shift(); next; next = queue.shift()) {
    if (++decided > MAX_COMMANDS_PER_EXECUTION) {
      throw new ValidationError({
        field: 'policies',
        reason: `one command set off more than ${MAX_COMMANDS_PER_EXECUTION} commands`,
      });
    }
    const stream = next.aggregate.streamOf(next.command);
    validateStreamName(stream);
    let streamWork = work.get(stream);
    if (!streamWork) {
      streamWork = {
        aggregate: next.aggregate,
        ...(await loadAggregate(db, next.aggregate, stream)),
        events: [],
      };
      work.set(stream, streamWork);
    }
    for (const event of decideOne(next.aggregate, next.command, streamWork.state, command.id)) {
      const id = uuidv7();
      streamWork.state = next.aggregate.evolve(streamWork.state, event);
      streamWork.events.push({
        ...event,
        id,
        metadata: { correlationId, causationId: next.causationId },
      });
      for (const followUp of followUps(domain, event)) {
        const validated = validateCommand(domain, followUp);
        queue.push({ aggregate: validated.aggregate, command: validated.command, causationId: id });
      }
    }
  }

  return [...work]
    .filter(([, { events }]) => events.length > 0)
    .map(([stream, streamWork]) => ({
      stream,
      expectedVersion: streamWork.version,
      events: streamWork.events,
      snapshot: snapshotAfter(streamWork, stream),
    }));
}

function decideOne(
  aggregate: AnyAggregate,
  command: Command,
  state: unknown,
  rootCommandId: string,
): DomainEvent[] {
  try {
    const events = aggregate.decide(command, state);
    return Array.isArray(events) ? events : [events];
  } catch (error) {
    if (error instanceof CommandRejectedError) {
      throw new CommandRejectedError({
        reason: error.reason,
        commandType: command.type,
        commandId: command.id ?? rootCommandId,
      });
    }
    throw error;
  }
}

function followUps(domain: Domain, event: DomainEvent): Command[] {
  return (domain.policies ?? [])
    .filter((policy) => policy.when === event.type)
    .flatMap((policy) => policy.commands(event));
}
