import { ValidationError } from '../../src/core/errors';
import { safeParse } from '../../src/core/schemaParse';
import { DEFAULT_SCOPE, scopeName } from '../../src/core/syncProtocol';
import type { SyncOptions } from '../../src/transport/syncOptions';
import type { ScopeOf } from './routeCommand';

/** Sync options as the engine takes them: where to, how, and which scopes. */
export type ResolvedSyncOptions = Required<Pick<SyncOptions, 'url' | 'fetch' | 'scopes'>> &
  Pick<SyncOptions, 'token' | 'intervalMs'>;

const isHttpUrl = (url: unknown) => {
  try {
    return /^https?:$/.test(new URL(url as string).protocol);
  } catch {
    return false;
  }
};
const isFunction = (value: unknown) => value === undefined || typeof value === 'function';

/** The first bad field of `options` and why, if any. */
function problemOf(options: SyncOptions, scopeOf: ScopeOf): [string, string] | undefined {
  const { url, token, scopes, fetch, intervalMs } = options;
  if (url !== undefined && !isHttpUrl(url)) return ['url', 'must be an absolute http(s) URL'];
  if (!isFunction(token)) return ['token', 'must be a function'];
  if (!isFunction(fetch)) return ['fetch', 'must be a function'];
  if (intervalMs !== undefined && !(intervalMs >= 0 && intervalMs < Number.POSITIVE_INFINITY))
    return ['intervalMs', 'must be 0 or more milliseconds'];
  if (scopes === undefined) return;
  if (!Array.isArray(scopes) || scopes.length === 0) return ['scopes', 'must list a scope'];
  const bad = scopes.findIndex(
    (scope, i) => !safeParse(scopeName, scope).success || scopes.indexOf(scope) !== i,
  );
  if (bad >= 0) return [`scopes[${bad}]`, 'must be a scope name (A-Z a-z 0-9 . _ : -), once'];
  if (scopes.length > 1 && !scopeOf) return ['scopes', 'several need the domain’s scopeOf'];
}

/**
 * The options with their defaults (the worker's origin, its `fetch`, the default scope), or a
 * ValidationError naming the first bad field (as `sync.<field>`). Several scopes need the
 * domain's `scopeOf`.
 */
export function resolveSyncOptions(options: SyncOptions, scopeOf: ScopeOf): ResolvedSyncOptions {
  const url = options.url ?? globalThis.location?.origin;
  const problem =
    problemOf(options, scopeOf) ??
    (url ? undefined : ['url', 'is needed: the worker has no origin']);
  if (problem) throw new ValidationError({ field: `sync.${problem[0]}`, reason: problem[1] });
  return {
    ...options,
    url: url as string,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    scopes: options.scopes ?? [DEFAULT_SCOPE],
  };
}
