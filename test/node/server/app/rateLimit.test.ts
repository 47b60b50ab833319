import { describe, expect, it } from 'vitest';
import { jwtAuth } from '../../../../src/server/app/auth';
import { SCOPE } from '../wire';
import { errorBody, pullFrom, SECRET, testApp, tokenFor } from './appFixture';

describe('the rate limit per token', () => {
  it('answers a caller over its limit with 429 and Retry-After, and other callers as usual', async () => {
    const { app } = testApp({
      auth: jwtAuth({ secret: SECRET }),
      rateLimit: { requests: 2, perMs: 60_000 },
    });
    const alice = await tokenFor('alice', [SCOPE]);
    expect((await pullFrom(app, {}, alice)).status).toBe(200);
    expect((await pullFrom(app, {}, alice)).status).toBe(200);
    const refused = await pullFrom(app, {}, alice);
    expect(refused.status).toBe(429);
    // One request back every 30 s.
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await errorBody(refused)).toMatchObject({ error: 'TooManyRequests' });
    const bob = await tokenFor('bob', [SCOPE]);
    expect((await pullFrom(app, {}, bob)).status).toBe(200);
  });

  it('counts nothing without the option', async () => {
    const { app } = testApp();
    for (let i = 0; i < 50; i++) expect((await pullFrom(app)).status).toBe(200);
  });
});
