import { SignJWT } from 'jose';
import { z } from 'zod/mini';
import { scopeName } from '../../core/syncProtocol';
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

/** A token `jwtAuth({ secret })` accepts: HS256, for local development only. */
export function signDevToken(secret: string, { sub, scopes }: DevTokenRequest): Promise<string> {
  return new SignJWT({ scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(DEV_TOKEN_LIFETIME)
    .sign(new TextEncoder().encode(secret));
}

/** Answers a token request's body: `{ token }`, or a ValidationError naming the bad field. */
export async function issueDevToken(secret: string, bodyText: string): Promise<{ token: string }> {
  const request = parseRequest(devTokenRequest, parseJsonBody(bodyText));
  return { token: await signDevToken(secret, request) };
}
