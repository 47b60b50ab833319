import type { output } from 'zod/v4/core';
import type { Command } from './commands';
import type { DomainEvent } from './events';
import type { Json } from './json';
import type { Schema } from './schemaParse';

/**
 * Domain logic as three pure functions: the state before anything happened, how an event changes
 * the state, and which events a command produces in a state (or a `CommandRejectedError`).
 */
export interface Decider<State, C extends Command, E extends DomainEvent> {
  // Methods rather than function properties: their parameters are checked bivariantly, so any
  // aggregate fits in a domain's list of aggregates of unrelated types.
  initialState(): State;
  evolve(state: State, event: E): State;
  decide(command: C, state: State): E | E[];
}

/** One zod schema (of `zod` or `zod/mini`) per command type: the data each command carries. */
export type CommandSchemas = Record<string, Schema<Json>>;

/**
 * Optionally, one zod schema per event type the aggregate records: the data of the type's current
 * schema version. Given them, the store checks every event it records and the sync server refuses
 * events that do not match (per event, so one bad event never stops anyone else's sync).
 */
export type EventSchemas = Record<string, Schema<Json>>;

/** The command union an aggregate accepts, derived from its schemas. */
export type CommandsOf<Schemas extends CommandSchemas> = {
  [Type in keyof Schemas & string]: Command<Type, output<Schemas[Type]>>;
}[keyof Schemas & string];

/** A decider bound to its streams: the unit `execute` loads, decides and appends for. */
export interface Aggregate<
  State = unknown,
  Schemas extends CommandSchemas = CommandSchemas,
  E extends DomainEvent = DomainEvent,
> extends Decider<State, CommandsOf<Schemas>, E> {
  /** Names the aggregate; streams are usually `${name}-${id}`. */
  name: string;
  commands: Schemas;
  /** The data of each event type this aggregate records, checked on append and by the server. */
  events?: EventSchemas;
  /** Which stream a command is about. */
  streamOf(command: CommandsOf<Schemas>): string;
  /**
   * Snapshot the state every `every` events, so loading starts from the latest snapshot. Bump
   * `version` whenever `evolve` or the state's shape changes: older snapshots are then ignored.
   */
  snapshots?: { every: number; version: number };
  /**
   * What to do with a pending command when another device changed its stream first: decide it
   * again on the new state (`'rebase'`, the default), reject it (`'reject'`), or ask a resolver.
   */
  onConflict?: ConflictStrategy<State, CommandsOf<Schemas>, E>;
  /**
   * The command types that start their stream, such as a create naming an id just made. The
   * store decides one on `initialState()` without reading its stream (unless it keeps a state of
   * it already), and the write proves the stream empty. A stream found started after all is read
   * and the command decided again on it: a wrong entry never makes a wrong decision, but it costs
   * the whole group of commands written with it a second try, as a lost race does. List only
   * commands whose stream is nearly always new.
   */
  startsStream?: readonly (keyof Schemas & string)[];
}

/**
 * Given the pending command, the stream's state with the other devices' events applied, and those
 * events: the command to decide instead (often the same one), or a reason to reject it.
 */
export type ConflictResolver<State, C extends Command, E extends DomainEvent> = {
  // Method syntax, so an aggregate with a resolver still fits where any aggregate is accepted.
  resolve(conflict: { command: C; state: State; theirs: E[] }): C | { reject: string };
}['resolve'];

export type ConflictStrategy<State, C extends Command, E extends DomainEvent> =
  | 'rebase'
  | 'reject'
  | ConflictResolver<State, C, E>;

export function defineAggregate<State, Schemas extends CommandSchemas, E extends DomainEvent>(
  aggregate: Aggregate<State, Schemas, E>,
): Aggregate<State, Schemas, E> {
  return aggregate;
}
