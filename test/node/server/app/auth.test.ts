import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtAuth } from '../../../../src/server/app/auth';
import { itemAdded, push, SCOPE } from '../wire';
import { errorBody, pullFrom, pushTo, SECRET, storedIn, testApp, tokenFor } from './appFixture';

const aPush = () => push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] });

describe('authentication with a shared secret', () => {
  const { app, storage } = testApp({ auth: jwtAuth({ secret: SECRET }) });

  it('accepts a push and a pull with a token granting the scope', async () => {
    const token = await tokenFor('alice', [SCOPE]);
    expect((await pushTo(app, aPush(), token)).status).toBe(200);
    const pull = await pullFrom(app, {}, token);
    expect(pull.status).toBe(200);
    expect((await pull.json()).events).toHaveLength(1);
  });

  it.each([
    ['no token', async () => undefined],
    ['a token signed with another secret', async () => forged()],
    ['an expired token', async () => expired()],
    ['a token without scopes', async () => withoutScopes()],
    ['garbage', async () => 'not.a.jwt'],
  ])('answers %s with 401 and stores nothing', async (_, token) => {
    const before = await storedIn(storage);
    const response = await pushTo(app, aPush(), await token());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorBody(response)).toEqual({
      error: 'Unauthorized',
      message: expect.any(String),
    });
    expect((await pullFrom(app, {}, await token())).status).toBe(401);
    expect(await storedIn(storage)).toBe(before);
  });

  it('says why an expired token is refused', async () => {
    const response = await pushTo(app, aPush(), await expired());
    expect((await errorBody(response)).message).toContain('expired');
  });

  it('answers a push or pull of a scope the token does not grant with 403, and stores nothing', async () => {
    const token = await tokenFor('mallory', ['shop-2']);
    const before = await storedIn(storage);
    const response = await pushTo(app, aPush(), token);
    expect(response.status).toBe(403);
    expect(await errorBody(response)).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining(SCOPE),
    });
    expect(await storedIn(storage)).toBe(before);
    expect((await pullFrom(app, {}, token)).status).toBe(403);
    // The scope it was granted is open to it, and empty: nothing went there either.
    const own = await pullFrom(app, { scope: 'shop-2' }, token);
    expect(await own.json()).toEqual({ events: [], nextCursor: 0, hasMore: false });
  });
});

const secretOf = (text: string) => new TextEncoder().encode(text);

const forged = () =>
  new SignJWT({ scopes: [SCOPE] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime('1h')
    .sign(secretOf('another secret, just as long as the real one'));

const expired = () =>
  new SignJWT({ scopes: [SCOPE] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(secretOf(SECRET));

const withoutScopes = () =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime('1h')
    .sign(secretOf(SECRET));

describe('authentication with keys from a JWKS URL', () => {
  let keyServer: Server;
  let jwksUrl: string;
  const keys = generateKeyPair('EdDSA', { extractable: true });
  const signed = async (privateKey: CryptoKey, kid: string) =>
    new SignJWT({ scopes: [SCOPE] })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(privateKey);

  beforeAll(async () => {
    const jwk = { ...(await exportJWK((await keys).publicKey)), kid: 'key-1', alg: 'EdDSA' };
    keyServer = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => keyServer.close(resolve)));

  it('accepts a token signed with a published key (EdDSA), and refuses one signed with another', async () => {
    const { app, storage } = testApp({ auth: jwtAuth({ jwksUrl }) });
    const good = await signed((await keys).privateKey, 'key-1');
    expect((await pushTo(app, aPush(), good)).status).toBe(200);
    const stranger = await generateKeyPair('EdDSA');
    const bad = await signed(stranger.privateKey, 'key-1');
    expect((await pushTo(app, aPush(), bad)).status).toBe(401);
    expect(await storedIn(storage)).toBe(1);
  });
});

describe('authentication with an audience and an issuer', () => {
  const audience = 'logbook-sync';
  const issuer = 'https://id.example';
  const { app, storage } = testApp({ auth: jwtAuth({ secret: SECRET, audience, issuer }) });
  const signedWith = (claims: { aud?: string; iss?: string }) =>
    new SignJWT({ scopes: [SCOPE], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(secretOf(SECRET));

  it('accepts a token for this audience from this issuer', async () => {
    const token = await signedWith({ aud: audience, iss: issuer });
    expect((await pushTo(app, aPush(), token)).status).toBe(200);
  });

  it.each([
    ['no audience', { iss: issuer }],
    ['another audience', { aud: 'another-app', iss: issuer }],
    ['no issuer', { aud: audience }],
    ['another issuer', { aud: audience, iss: 'https://elsewhere.example' }],
  ])('answers a token with %s with 401 and stores nothing', async (_, claims) => {
    const before = await storedIn(storage);
    const response = await pushTo(app, aPush(), await signedWith(claims));
    expect(response.status).toBe(401);
    expect((await errorBody(response)).message).toContain('does not verify');
    expect(await storedIn(storage)).toBe(before);
  });
});
