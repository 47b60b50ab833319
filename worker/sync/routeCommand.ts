import type { CommandGroup } from '../commands/groupByCommand';

/** Which scope a stream belongs to (the domain's `scopeOf`); absent: the device's only scope. */
export type ScopeOf = ((stream: string) => string) | undefined;

/** The scopes a device syncs, and how it tells which one a stream belongs to. */
export interface Routes {
  scopes: readonly string[];
  scopeOf: ScopeOf;
}

/** Where a command's events go: the scope of its streams, or why they can go nowhere. */
export type Route = { scope: string } | { reason: string };

/**
 * The scope a command's events are pushed to: the one scope all its streams belong to, when the
 * device syncs it. A command of a scope the device does not sync, or of two scopes, goes nowhere.
 */
export function routeOf(group: CommandGroup, { scopes, scopeOf }: Routes): Route {
  const [only] = scopes;
  let first: { stream: string; scope: string } | undefined;
  for (const { stream } of group.events) {
    const scope = scopeOf?.(stream) ?? (only as string);
    if (!scopes.includes(scope)) {
      return {
        reason: `Cannot sync: ${stream} belongs to scope "${scope}", which this device does not sync`,
      };
    }
    first ??= { stream, scope };
    if (scope !== first.scope) {
      return {
        reason: `Cannot sync: one command wrote ${first.stream} of scope "${first.scope}" and ${stream} of scope "${scope}"`,
      };
    }
  }
  return { scope: first?.scope ?? (only as string) };
}
