import { decodeJwt } from 'jose';
import { SERVER_PATHS, SyncNetworkError } from 'logbook';
import type { Person } from '../../people';

/** What a sync token function is: called before requests, and again after a 401. */
export type TokenSource = () => Promise<string>;

/** The longest a development token lasts (the server's limit), and what the demo asks for. */
const MAX_SECONDS = 12 * 60 * 60;

/**
 * Tokens for `person`'s shops from the server's development endpoint (`POST /api/dev/token`),
 * each kept until shortly before it expires (a tenth of its life, at least a second, at most a
 * minute), so requests do not ask for one each. `lifetimeSeconds` is how long each lasts (12 h
 * unless asked otherwise). The expiry is the token's own (`exp`): the server counts whole seconds
 * from when it issued it, so it comes up to a second sooner than the lifetime after asking.
 */
export function devTokenSource(
  person: Person,
  { lifetimeSeconds = MAX_SECONDS, origin = globalThis.location.origin } = {},
): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  const marginMs = Math.min(60, Math.max(1, lifetimeSeconds / 10)) * 1000;
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const response = await fetch(new URL(SERVER_PATHS.devToken, origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sub: person.id,
        scopes: person.shops,
        expiresInSeconds: lifetimeSeconds,
      }),
    }).catch((error: unknown) => {
      // No network, as for the sync requests: the device is offline (and backs off), not failing.
      throw new SyncNetworkError({
        reason: error instanceof Error ? error.message : String(error),
      });
    });
    if (!response.ok) {
      const refusal = (await response.json().catch(() => null)) as { message?: string } | null;
      throw new Error(`No token for ${person.name}: ${refusal?.message ?? response.statusText}`);
    }
    const { token } = (await response.json()) as { token: string };
    cached = { token, renewAt: (decodeJwt(token).exp ?? 0) * 1000 - marginMs };
    return token;
  };
}

/** `?tokenSeconds=30` makes the demo's tokens short-lived, to watch a device renew them. */
export function tokenLifetimeOf(search = globalThis.location?.search ?? ''): number {
  const asked = Number(new URLSearchParams(search).get('tokenSeconds'));
  return Number.isInteger(asked) && asked >= 1 && asked <= MAX_SECONDS ? asked : MAX_SECONDS;
}
