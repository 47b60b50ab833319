import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod/mini';
import { ForbiddenError, UnauthorizedError } from '../../core/errors';
import { safeParse } from '../../core/schemaParse';

/** Who a verified token speaks for, and the scopes it may read and write (`'*'`: every one). */
export interface Grant {
  sub: string;
  scopes: readonly string[] | '*';
}

/** Turns a request's bearer token (null when it has none) into a grant, or throws `UnauthorizedError`. */
export interface Authenticator {
  verify(token: string | null): Promise<Grant>;
}

const claims = z.object({
  sub: z.string().check(z.minLength(1)),
  scopes: z.array(z.string()),
});

/**
 * Whom tokens must be for (`aud`) and who must have issued them (`iss`). Without them, any token
 * the same key verifies is accepted, also one the identity provider issued for another app.
 */
export interface TokenClaims {
  audience?: string;
  issuer?: string;
}

/**
 * Verifies JSON Web Tokens with jose: signed HS256 with a shared secret, or with a key from a
 * JWKS URL (fetched and cached by jose). The token must carry `sub` and `scopes` (an array of
 * scope names), and the audience and issuer when given.
 */
export function jwtAuth(
  options: ({ secret: string } | { jwksUrl: string }) & TokenClaims,
): Authenticator {
  const claimsWanted: TokenClaims = { audience: options.audience, issuer: options.issuer };
  const verifyToken =
    'secret' in options
      ? (token: string) =>
          jwtVerify(token, new TextEncoder().encode(options.secret), {
            algorithms: ['HS256'],
            ...claimsWanted,
          })
      : remoteVerifier(createRemoteJWKSet(new URL(options.jwksUrl)), claimsWanted);
  return {
    async verify(token) {
      if (token === null)
        throw new UnauthorizedError({ reason: 'the request has no bearer token' });
      const { payload } = await verifyToken(token).catch((error: unknown) => {
        throw unauthorizedOf(error);
      });
      const parsed = safeParse(claims, payload);
      if (!parsed.success) {
        throw new UnauthorizedError({
          reason: 'the token must carry "sub" (a string) and "scopes" (an array of scope names)',
        });
      }
      return parsed.data;
    },
  };
}

const remoteVerifier = (keys: JWTVerifyGetKey, claimsWanted: TokenClaims) => (token: string) =>
  jwtVerify(token, keys, claimsWanted);

/**
 * A token that does not verify is the caller's problem (401); the key server not answering is
 * the server's (it fails the request as any other unexpected error does).
 */
function unauthorizedOf(error: unknown): unknown {
  if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) return error;
  if (error instanceof errors.JWTExpired) {
    return new UnauthorizedError({ reason: 'the token has expired' });
  }
  return new UnauthorizedError({ reason: `the token does not verify (${error.code})` });
}

/** No accounts: everyone is "anyone" with every scope, with or without a token (the in-browser mock). */
export function openAccess(): Authenticator {
  const everyone: Grant = { sub: 'anyone', scopes: '*' };
  return { verify: async () => everyone };
}

/** Throws `ForbiddenError` unless the grant covers `scope`. */
export function assertScopeGranted(grant: Grant, scope: string): void {
  if (grant.scopes === '*' || grant.scopes.includes(scope)) return;
  throw new ForbiddenError({
    sub: grant.sub,
    scope,
    reason: `the token does not grant scope "${scope}"`,
  });
}
