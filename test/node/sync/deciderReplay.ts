import { dequal } from 'dequal';
import type { Command } from '../../../src/core/commands';
import type { AnyAggregate, Domain } from '../../../src/core/domain';
import { CommandRejectedError } from '../../../src/core/errors';
import type { DomainEvent, RecordedEvent } from '../../../src/core/events';
import { validateCommand } from '../../../src/core/validation';
import { decide } from '../../../worker/commands/decideCommand';

/** An event as both a device's log and the server's hold it. */
export type LoggedEvent = Pick<
  RecordedEvent,
  'id' | 'stream' | 'version' | 'type' | 'data' | 'metadata'
>;

const shown = (events: readonly DomainEvent[]) =>
  events.length === 0
    ? 'nothing'
    : events.map(({ type, data }) => `${type} ${JSON.stringify(data)}`).join(', ');

function groupBy<K>(events: readonly LoggedEvent[], key: (event: LoggedEvent) => K) {
  const groups = new Map<K, LoggedEvent[]>();
  for (const event of events) {
    const group = groups.get(key(event));
    if (group) group.push(event);
    else groups.set(key(event), [event]);
  }
  return groups;
}

const byVersion = (a: LoggedEvent, b: LoggedEvent) => a.version - b.version;

/** A stream's state and version after `events` (in version order), from the start. */
export function foldStream(aggregate: AnyAggregate, events: readonly DomainEvent[]) {
  const state = events.reduce(
    (folded, event) => aggregate.evolve(folded, event),
    aggregate.initialState(),
  );
  return { state, version: events.length };
}

/**
 * What is wrong with a log, one sentence per problem (none when it is sound): an event id twice,
 * a stream whose versions are not 1, 2, 3..., or a command whose events are not exactly what
 * deciding it as issued (with the domain's policies) yields on the state before them. `log` is in
 * log order (the server's positions, or a device's replay order); `issued` holds every command
 * executed, by id. Events recorded without a command are folded but not decided.
 */
export function replayThroughDeciders(
  domain: Domain,
  log: readonly LoggedEvent[],
  issued: ReadonlyMap<string, Command>,
): string[] {
  const problems: string[] = [];
  for (const [id, copies] of groupBy(log, (event) => event.id)) {
    if (copies.length > 1) problems.push(`event ${id} is in the log ${copies.length} times`);
  }
  const streams = groupBy(log, (event) => event.stream);
  for (const [stream, events] of streams) {
    const versions = events.map((event) => event.version).sort((a, b) => a - b);
    if (versions.some((version, i) => version !== i + 1)) {
      problems.push(`${stream} has versions ${versions.join(', ')}`);
    }
  }
  for (const [commandId, events] of groupBy(log, (event) => event.metadata.commandId)) {
    if (commandId === null) continue;
    const command = issued.get(commandId);
    const problem = command
      ? decidedAgain(domain, log, streams, { ...command, id: commandId }, events)
      : `command ${commandId} recorded events but was never issued`;
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * Decides a command again on the state of each stream just before its events there (for a stream
 * it recorded nothing in, before its first event in the log) and compares the outcome.
 */
function decidedAgain(
  domain: Domain,
  log: readonly LoggedEvent[],
  streams: ReadonlyMap<string, LoggedEvent[]>,
  command: Command & { id: string },
  recorded: LoggedEvent[],
): string | undefined {
  const name = `command ${command.id} (${command.type} ${JSON.stringify(command.data)})`;
  const firstInLog = log.indexOf(recorded[0] as LoggedEvent);
  const recordedIn = groupBy(recorded, (event) => event.stream);
  const stateBefore = (aggregate: AnyAggregate, stream: string) => {
    const own = recordedIn.get(stream);
    const before = own
      ? (streams.get(stream) ?? []).filter(
          (event) => event.version < Math.min(...own.map((e) => e.version)),
        )
      : log.slice(0, firstInLog).filter((event) => event.stream === stream);
    return foldStream(aggregate, before.sort(byVersion));
  };

  const { aggregate, command: validated } = validateCommand(domain, command);
  let decision: ReturnType<typeof decide>;
  try {
    decision = decide(stateBefore, domain, aggregate, { ...validated, id: command.id });
  } catch (error) {
    if (!(error instanceof CommandRejectedError)) throw error;
    return `${name} recorded ${shown(recorded)}, but on the state before them it is rejected: ${error.reason}`;
  }
  if ('missing' in decision) throw new Error('every stream state is given, none can be missing');

  const decided = new Map(decision.appends.map((append) => [append.stream, append.events]));
  for (const stream of new Set([...recordedIn.keys(), ...decided.keys()])) {
    const events = (recordedIn.get(stream) ?? []).sort(byVersion);
    const expected = (decided.get(stream) ?? []).map(({ type, data }) => ({ type, data }));
    const actual = events.map(({ type, data }) => ({ type, data }));
    if (!dequal(actual, expected)) {
      return `${name} recorded ${shown(actual)} in ${stream}, but on the state before them it decides ${shown(expected)}`;
    }
  }
  return undefined;
}
