import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { type Outcome, outcomeOf, outcomeOfCall, unwrap } from '../../src/core/outcome';
import { isStreamName, validateAppends } from '../../src/core/validation';
import type { LogbookDatabase } from '../db/database';
import type { StreamAppend } from '../log/appendStreams';
import { readStreamsSideBySide } from '../log/readLog';
import { decide } from './decideCommand';
import { keptState, type LoadedStream, loadAggregate, loadFromEvents } from './loadAggregate';

export interface CommandToDecide {
  aggregate: AnyAggregate;
  command: Command & { id: string };
}

/** What became of one command of a group, before the group is written. */
export type GroupOutcome =
  | { appends: StreamAppend[]; eventIds: string[] }
  /** The same id as an earlier command of the group that was decided: answered with its result. */
  | { sameAs: number }
  | { error: unknown };

export interface GroupDecision {
  outcomes: GroupOutcome[];
  /** The streams each command's decision read, by command: a lost race on one fails those. */
  read: Set<string>[];
  /**
   * What to write, in one transaction: first, for every stream the group read, an empty append
   * proving the stream still ends where it was read (a rejection is proven too, not only a
   * write); then each decided command's appends, in order, each going on where the one before it
   * on its stream ends.
   */
  appends: StreamAppend[];
  /** Each stream as the group's decisions left it. */
  streams: Map<string, GroupStream>;
}

interface GroupStream {
  aggregate: AnyAggregate;
  state: unknown;
  version: number;
  /** Where the stream ended when it was read: what the write proves. */
  readAt: { version: number; head: number | undefined };
}

export interface DecideContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
  maxEventBytes: number;
}

/**
 * Decides a group of commands one after another, each on the state the one before it left: a
 * rejected or invalid command leaves the states as they were, a command id decided earlier in the
 * group is answered with that result. Each stream starts from the state this worker kept, read
 * from nothing (the write proves it), or else from the log: the streams the commands name are
 * read side by side in one transaction first, those a policy reaches when it asks.
 */
export async function decideGroup(
  context: DecideContext,
  group: readonly CommandToDecide[],
  foundStarted: ReadonlySet<string> = new Set(),
): Promise<GroupDecision> {
  const { db, domain } = context;
  const loaded = await readUnkept(db, group, foundStarted);
  const streams = new Map<string, GroupStream>();
  // A stream read from the log is kept from then on (unless empty), so the log is asked last.
  const start = (aggregate: AnyAggregate, stream: string): LoadedStream | undefined => {
    const fromLog = loaded.get(stream);
    return keptState(db, aggregate, stream) ?? (fromLog && unwrap(fromLog));
  };
  const decided = new Map<string, number>();
  const decision: GroupDecision = { outcomes: [], read: [], appends: [], streams };

  for (const [index, { aggregate, command }] of group.entries()) {
    const read = new Set<string>();
    decision.read.push(read);
    const earlier = decided.get(command.id);
    if (earlier !== undefined) {
      decision.outcomes.push({ sameAs: earlier });
      continue;
    }
    const states = (owner: AnyAggregate, stream: string): LoadedStream | undefined => {
      read.add(stream);
      const current = streams.get(stream);
      if (current) return current;
      const from = start(owner, stream);
      if (from) {
        const readAt = { version: from.version, head: from.head };
        streams.set(stream, { aggregate: owner, state: from.state, version: from.version, readAt });
      }
      return from;
    };
    try {
      for (;;) {
        const result = decide(states, domain, aggregate, command);
        if ('missing' in result) {
          const { aggregate: owner, stream } = result.missing;
          loaded.set(stream, await outcomeOf(loadAggregate(db, owner, stream)));
          continue;
        }
        validateAppends(result.appends, { ...context, commandId: command.id });
        for (const after of result.streams) {
          const current = streams.get(after.stream) as GroupStream;
          current.state = after.state;
          current.version = after.version;
        }
        const appends = result.appends.map(({ expectedHead: _, ...append }) => ({
          ...append,
          commandId: command.id,
        }));
        const eventIds = appends.flatMap(({ events }) => events.map((event) => event.id as string));
        decision.outcomes.push({ appends, eventIds });
        decided.set(command.id, index);
        break;
      }
    } catch (error) {
      decision.outcomes.push({ error });
    }
  }

  const proofs = [...streams].map(([stream, { readAt }]) => ({
    stream,
    expectedVersion: readAt.version,
    expectedHead: readAt.head,
    events: [],
  }));
  const writes = decision.outcomes.flatMap((outcome) =>
    'appends' in outcome ? outcome.appends : [],
  );
  decision.appends = [...proofs, ...writes];
  return decision;
}

/**
 * Reads, in one transaction and side by side, the streams the commands name that this worker
 * keeps no state of, but for those `startingState` may take as empty. A stream that cannot be
 * folded fails only the commands that need it.
 */
async function readUnkept(
  db: LogbookDatabase,
  group: readonly CommandToDecide[],
  foundStarted: ReadonlySet<string>,
): Promise<Map<string, Outcome<LoadedStream>>> {
  const wanted = new Map<string, AnyAggregate>();
  const starting = new Map<string, AnyAggregate>();
  for (const { aggregate, command } of group) {
    const stream = streamOf(aggregate, command);
    if (stream === undefined || keptState(db, aggregate, stream)) continue;
    const takenAsEmpty =
      aggregate.startsStream?.includes(command.type) && !foundStarted.has(stream);
    (takenAsEmpty ? starting : wanted).set(stream, aggregate);
  }
  const guessed = [...starting]
    .filter(([stream]) => !wanted.has(stream))
    .map(([stream, aggregate]) => [stream, startingState(aggregate)] as const);
  if (wanted.size === 0) return new Map(guessed);
  const reads = await db.transaction('r', db.events, db.snapshots, async () => {
    // Many streams side by side are read in one request; a name that is no stream name is left
    // to the stream-by-stream read, which says why.
    const together = await readStreamsSideBySide(db, [...wanted.keys()].filter(isStreamName));
    return Promise.all(
      [...wanted].map(async ([stream, aggregate]) => {
        const events = together?.get(stream);
        const loaded = events
          ? outcomeOfCall(() => loadFromEvents(db, aggregate, stream, events))
          : await outcomeOf(loadAggregate(db, aggregate, stream));
        return [stream, loaded] as const;
      }),
    );
  });
  return new Map([...guessed, ...reads]);
}

/**
 * Fast path: the state of a stream a command starts (`Aggregate.startsStream`), read from nothing.
 * Invariant: it is an empty stream's state at version 0, head 0, and every decision on it is
 * written with the proof that the stream still ends there (`GroupDecision.appends`), which no
 * started stream passes: the write then fails as a lost race on it, and the group, told the
 * stream is started (`foundStarted`), reads it before deciding again.
 */
function startingState(aggregate: AnyAggregate): Outcome<LoadedStream> {
  return outcomeOfCall(() => ({ state: aggregate.initialState(), version: 0, head: 0 }));
}

/** The stream a command names, or undefined when naming it throws (its decision says why). */
function streamOf(aggregate: AnyAggregate, command: Command): string | undefined {
  try {
    return aggregate.streamOf(command);
  } catch {
    return undefined;
  }
}
