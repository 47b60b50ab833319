import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwtAuth } from '../../../../src/server/app/auth';
import { itemAdded, push, SCOPE } from '../wire';
import { BASE, errorBody, pushTo, SECRET, testApp } from './appFixture';

const askForToken = (app: { fetch(request: Request): Promise<Response> }, body: unknown) =>
  app.fetch(
    new Request(`${BASE}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('POST /api/dev/token', () => {
  it('is not there without devTokens', async () => {
    const { app } = testApp({ auth: jwtAuth({ secret: SECRET }) });
    const response = await askForToken(app, { sub: 'alice', scopes: [SCOPE] });
    expect(response.status).toBe(404);
    expect(await errorBody(response)).toMatchObject({ error: 'NotFound' });
  });

  it('with devTokens, signs a token the app accepts for exactly the scopes asked for', async () => {
    const { app } = testApp({ auth: jwtAuth({ secret: SECRET }), devTokens: { secret: SECRET } });
    const response = await askForToken(app, { sub: 'alice', scopes: [SCOPE] });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const body = push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] });
    expect((await pushTo(app, body, token)).status).toBe(200);
    expect((await pushTo(app, { ...body, scope: 'shop-2' }, token)).status).toBe(403);
  });

  it('with devTokens given an audience and an issuer, signs tokens that carry them', async () => {
    const claims = { audience: 'logbook-sync', issuer: 'https://id.example' };
    const { app } = testApp({
      auth: jwtAuth({ secret: SECRET, ...claims }),
      devTokens: { secret: SECRET, ...claims },
    });
    const response = await askForToken(app, { sub: 'alice', scopes: [SCOPE] });
    const { token } = (await response.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject({ aud: claims.audience, iss: claims.issuer });
    const body = push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] });
    expect((await pushTo(app, body, token)).status).toBe(200);
  });

  it.each([
    ['no sub', { scopes: [SCOPE] }, 'sub'],
    ['a scope name with a space', { sub: 'alice', scopes: ['my shop'] }, 'scopes[0]'],
    ['scopes as a string', { sub: 'alice', scopes: '*' }, 'scopes'],
  ])('answers a request with %s with 400 naming the field', async (_, body, field) => {
    const { app } = testApp({ auth: jwtAuth({ secret: SECRET }), devTokens: { secret: SECRET } });
    const response = await askForToken(app, body);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ error: 'ValidationError', field });
  });
});
