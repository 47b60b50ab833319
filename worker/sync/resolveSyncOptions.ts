import { ValidationError } from '../../src/core/errors';
import { safeParse } from '../../src/core/schemaParse';
import { DEFAULT_SCOPE, scopeName } from '../../src/core/syncProtocol';
import type { SyncOptions } from '../../src/transport/syncOptions';
import type { ScopeOf } from './routeCommand';

const invalid = (field: string, reason: string) =>
  new ValidationError({ field: `sync.${field}`, reason });

/** Whether `url` is an absolute http(s) URL. */
function isHttpUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Sync options as the engine takes them: where to, how, and which scopes. */
export type ResolvedSyncOptions = Required<Pick<SyncOptions, 'url' | 'fetch' | 'scopes'>> &
  Pick<SyncOptions, 'token' | 'intervalMs'>;

/**
 * The options with their defaults (the worker's origin, its `fetch`, the default scope), or a
 * ValidationError naming the first bad field (as `sync.<field>`). Several scopes need the
 * domain's `scopeOf`.
 */
export function resolveSyncOptions(options: SyncOptions, scopeOf: ScopeOf): ResolvedSyncOptions {
  validateSyncOptions(options, scopeOf);
  const url = options.url ?? globalThis.location?.origin;
  if (url === undefined) throw invalid('url', 'is needed where the worker has no origin');
  return {
    url,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    scopes: options.scopes ?? [DEFAULT_SCOPE],
    ...(options.token ? { token: options.token } : {}),
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
  };
}

function validateSyncOptions(options: SyncOptions, scopeOf: ScopeOf): void {
  const { url, token, scopes, fetch, intervalMs } = options;
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url)))
    throw invalid('url', `must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  if (token !== undefined && typeof token !== 'function')
    throw invalid('token', 'must be a function returning the current token');
  if (fetch !== undefined && typeof fetch !== 'function')
    throw invalid('fetch', 'must be a function like fetch');
  if (
    intervalMs !== undefined &&
    (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs < 0)
  )
    throw invalid('intervalMs', 'must be a number of milliseconds, 0 or more');
  if (scopes === undefined) return;
  if (!Array.isArray(scopes) || scopes.length === 0)
    throw invalid('scopes', 'must list at least one scope');
  scopes.forEach((scope, i) => {
    if (!safeParse(scopeName, scope).success)
      throw invalid(
        `scopes[${i}]`,
        `${JSON.stringify(scope)} is not a scope name (1 to 128 of A-Z a-z 0-9 . _ : -)`,
      );
    if (scopes.indexOf(scope) !== i) throw invalid(`scopes[${i}]`, `"${scope}" is listed twice`);
  });
  if (scopes.length > 1 && typeof scopeOf !== 'function')
    throw invalid(
      'scopes',
      'several scopes need the domain’s scopeOf, to tell which scope each stream belongs to',
    );
}
