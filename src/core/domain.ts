import type { Command } from './commands';
import type { Aggregate, CommandSchemas, CommandsOf, EventSchemas } from './decider';
import type { DomainEvent } from './events';
import type { Projection } from './projection';
import type { Upcasters } from './upcasting';

// biome-ignore lint/suspicious/noExplicitAny: a domain holds aggregates of unrelated state and event types
export type AnyAggregate = Aggregate<any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: a domain holds projections of unrelated view and event types
export type AnyProjection = Projection<string, any, any>;

/**
 * A reaction to an event inside the command that produced it: the follow-up commands are decided
 * and appended in the same transaction, so either all of it happens or none (e.g. check-out
 * places the order).
 */
export interface Policy {
  when: string;
  commands: (event: DomainEvent) => Command | Command[];
}

/** Declares a policy typed on the event it reacts to; the store only calls it with that type. */
export function definePolicy<E extends DomainEvent>(policy: {
  when: E['type'];
  commands: (event: E) => Command | Command[];
}): Policy {
  return policy as Policy;
}

export interface Domain {
  aggregates: readonly AnyAggregate[];
  projections: readonly AnyProjection[];
  policies?: readonly Policy[];
  /** How old events become the current shape on read (schema evolution). */
  upcasters?: Upcasters;
  /**
   * The scope a stream belongs to (a user's space, a team, a shop). Absent: every stream is in
   * the scope the device syncs. A pending event of a stream of another scope is never pushed:
   * its command is rejected, naming the scope.
   */
  scopeOf?: (stream: string) => string;
}

export function defineDomain<const D extends Domain>(domain: D): D {
  return domain;
}

/**
 * Every event schema the domain's aggregates declare, by event type: what the store checks new
 * events against and what a sync server is given to refuse malformed ones. Own keys only, so a
 * type named `toString` or `__proto__` never finds anything.
 */
export function eventSchemasOf(
  domain: Pick<Domain, 'aggregates'>,
): ReadonlyMap<string, EventSchemas[string]> {
  const schemas = new Map<string, EventSchemas[string]>();
  for (const aggregate of domain.aggregates) {
    for (const [type, schema] of Object.entries(aggregate.events ?? {})) schemas.set(type, schema);
  }
  return schemas;
}

/** Every command the domain's aggregates accept, as a union discriminated by `type`. */
export type DomainCommand<D extends Domain> = D['aggregates'][number] extends infer A
  ? A extends { commands: infer Schemas extends CommandSchemas }
    ? CommandsOf<Schemas>
    : never
  : never;

export type ProjectionName<D extends Domain> = D['projections'][number]['name'];

type HandlerOf<P> = P extends { on: infer On } ? NonNullable<On[keyof On]> : never;

/** The view type of the projection called `Name`: what its handlers return, less `null` (delete). */
export type ViewOf<D extends Domain, Name extends ProjectionName<D>> = Exclude<
  ReturnType<
    Extract<
      HandlerOf<Extract<D['projections'][number], { name: Name }>>,
      (...args: never[]) => unknown
    >
  >,
  null
>;
