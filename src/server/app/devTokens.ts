import { SignJWT } from 'jose';
import { z } from 'zod/mini';
import { scopeName } from '../../core/syncProtocol';
import type { TokenClaims } from './auth';
import { parseJsonBody, parseRequest } from './parseRequest';

/** The longest a development token lasts, and how long it lasts unless asked otherwise: 12 h. */
export const DEV_TOKEN_MAX_SECONDS = 12 * 60 * 60;

/** What `POST /api/dev/token` takes: the user, the scopes the token grants, how long it lasts. */
export const devTokenRequest = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  scopes: z.array(scopeName).check(z.maxLength(1000)),
  expiresInSeconds: z.optional(
    z.number().check(z.int(), z.minimum(1), z.maximum(DEV_TOKEN_MAX_SECONDS)),
  ),
});

export type DevTokenRequest = z.infer<typeof devTokenRequest>;

/** A token request is a small JSON body. */
export const DEV_TOKEN_MAX_BYTES = 16 * 1024;

/**
 * A token `jwtAuth({ secret, audience, issuer })` accepts: HS256, carrying the audience and the
 * issuer when given. For local development only.
 */
export function signDevToken(
  secret: string,
  { sub, scopes, expiresInSeconds = DEV_TOKEN_MAX_SECONDS }: DevTokenRequest,
  { audience, issuer }: TokenClaims = {},
): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresInSeconds);
  if (audience) token.setAudience(audience);
  if (issuer) token.setIssuer(issuer);
  return token.sign(new TextEncoder().encode(secret));
}

/** Answers a token request's body: `{ token }`, or a ValidationError naming the bad field. */
export async function issueDevToken(
  { secret, ...claims }: DevTokenSigning,
  bodyText: string,
): Promise<{ token: string }> {
  const request = parseRequest(devTokenRequest, parseJsonBody(bodyText));
  return { token: await signDevToken(secret, request, claims) };
}

/** The secret dev tokens are signed with, and the claims they carry (the ones `jwtAuth` wants). */
export type DevTokenSigning = { secret: string } & TokenClaims;
