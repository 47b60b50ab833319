import { SignJWT } from 'jose';
import { z } from 'zod/mini';
import { scopeName } from '../../core/syncProtocol';
import type { TokenClaims } from './auth';
import { parseJsonBody, parseRequest } from './parseRequest';

/** What `POST /api/dev/token` takes: the user and the scopes the token grants. */
export const devTokenRequest = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  scopes: z.array(scopeName).check(z.maxLength(1000)),
});

export type DevTokenRequest = z.infer<typeof devTokenRequest>;

/** A token request is a small JSON body. */
export const DEV_TOKEN_MAX_BYTES = 16 * 1024;
const DEV_TOKEN_LIFETIME = '12h';

/**
 * A token `jwtAuth({ secret, audience, issuer })` accepts: HS256, carrying the audience and the
 * issuer when given. For local development only.
 */
export function signDevToken(
  secret: string,
  { sub, scopes }: DevTokenRequest,
  { audience, issuer }: TokenClaims = {},
): Promise<string> {
  const token = new SignJWT({ scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(DEV_TOKEN_LIFETIME);
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
