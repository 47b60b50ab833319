import { v7 as uuidv7 } from 'uuid';
import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { CommandRejectedError, ValidationError } from '../../src/core/errors';
import type { DomainEvent, NewEvent } from '../../src/core/events';
import { validateCommand, validateStreamName } from '../../src/core/validation';
import type { SnapshotRow } from '../db/database';
import type { StreamAppend } from '../log/appendStreams';
import type { LoadedStream } from './loadAggregate';

/** Follow-up commands one command may set off through policies, so a loop cannot run forever. */
const MAX_COMMANDS_PER_EXECUTION = 32;

interface StreamWork extends LoadedStream {
  aggregate: AnyAggregate;
  events: NewEvent[];
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

/** The stream states a decision can see without waiting: undefined for one not read yet. */
export type StreamStates = (aggregate: AnyAggregate, stream: string) => LoadedStream | undefined;

/** A stream as a decision left it: the state and version after its new events (if any). */
export interface DecidedStream {
  stream: string;
  aggregate: AnyAggregate;
  state: unknown;
  version: number;
}

/**
 * A decision either comes out, with every stream it read (those it appends to and those it only
 * looked at), or names the stream it must read from the log first.
 */
export type Decision =
  | { appends: StreamAppend[]; streams: DecidedStream[] }
  | { missing: { aggregate: AnyAggregate; stream: string } };

/**
 * Decides a command, and the commands its events set off through the domain's policies, on the
 * current state of each stream. Synchronous, so a rebase can decide many commands inside one
 * IndexedDB transaction without awaiting between them; a stream it has not been given is asked
 * for instead. The appends each expect the version they were decided on and, for a stream read
 * from the log, the head it was read at.
 */
export function decide(
  states: StreamStates,
  domain: Domain,
  aggregate: AnyAggregate,
  command: Command & { id: string },
): Decision {
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
      const loaded = states(next.aggregate, stream);
      if (!loaded) return { missing: { aggregate: next.aggregate, stream } };
      streamWork = { aggregate: next.aggregate, ...loaded, events: [] };
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

  const appends = [...work]
    .filter(([, { events }]) => events.length > 0)
    .map(([stream, streamWork]) => ({
      stream,
      expectedVersion: streamWork.version,
      expectedHead: streamWork.head,
      events: streamWork.events,
      snapshot: snapshotAfter(streamWork, stream),
    }));
  const streams = [...work].map(([stream, { aggregate: owner, state, version, events }]) => ({
    stream,
    aggregate: owner,
    state,
    version: version + events.length,
  }));
  return { appends, streams };
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
