import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('expiresInSeconds', () => {
    afterEach(() => vi.useRealTimers());
    const devApp = () =>
      testApp({ auth: jwtAuth({ secret: SECRET }), devTokens: { secret: SECRET } }).app;
    const lifetimeOf = async (response: Response) => {
      const { exp, iat } = decodeJwt(((await response.json()) as { token: string }).token);
      return (exp ?? 0) - (iat ?? 0);
    };

    it('sets how long the token lasts, 12 hours when not given', async () => {
      const app = devApp();
      const asked = await askForToken(app, { sub: 'alice', scopes: [SCOPE], expiresInSeconds: 90 });
      expect(await lifetimeOf(asked)).toBe(90);
      expect(await lifetimeOf(await askForToken(app, { sub: 'alice', scopes: [SCOPE] }))).toBe(
        12 * 60 * 60,
      );
    });

    it('is honoured: the token works until then, and is refused as expired after', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:00:00Z') });
      const app = devApp();
      const response = await askForToken(app, {
        sub: 'alice',
        scopes: [SCOPE],
        expiresInSeconds: 60,
      });
      const { token } = (await response.json()) as { token: string };
      const body = push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] });
      vi.setSystemTime(new Date('2026-12-01T10:00:59Z'));
      expect((await pushTo(app, body, token)).status).toBe(200);
      vi.setSystemTime(new Date('2026-12-01T10:01:01Z'));
      const late = await pushTo(app, body, token);
      expect(late.status).toBe(401);
      expect(await errorBody(late)).toMatchObject({ message: expect.stringContaining('expired') });
    });
  });

  it.each([
    ['no sub', { scopes: [SCOPE] }, 'sub'],
    ['a scope name with a space', { sub: 'alice', scopes: ['my shop'] }, 'scopes[0]'],
    ['scopes as a string', { sub: 'alice', scopes: '*' }, 'scopes'],
    ['a lifetime of 0 s', { sub: 'alice', scopes: [], expiresInSeconds: 0 }, 'expiresInSeconds'],
    [
      'a lifetime over 12 h',
      { sub: 'alice', scopes: [], expiresInSeconds: 43_201 },
      'expiresInSeconds',
    ],
    [
      'a fractional lifetime',
      { sub: 'alice', scopes: [], expiresInSeconds: 1.5 },
      'expiresInSeconds',
    ],
    [
      'a lifetime as text',
      { sub: 'alice', scopes: [], expiresInSeconds: '60' },
      'expiresInSeconds',
    ],
  ])('answers a request with %s with 400 naming the field', async (_, body, field) => {
    const { app } = testApp({ auth: jwtAuth({ secret: SECRET }), devTokens: { secret: SECRET } });
    const response = await askForToken(app, body);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ error: 'ValidationError', field });
  });
});
