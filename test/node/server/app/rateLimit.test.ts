import { describe, expect, it } from 'vitest';
import { jwtAuth } from '../../../../src/server/app/auth';
import { tokenBuckets } from '../../../../src/server/app/rateLimit';
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

  it('gives a token back every perMs / requests, up to the limit, and says when the next one comes', () => {
    let now = 0;
    const buckets = tokenBuckets({ requests: 4, perMs: 8_000 }, () => now);
    for (let i = 0; i < 4; i++) buckets.take('alice');
    expect(() => buckets.take('alice')).toThrow(
      expect.objectContaining({ name: 'RateLimitedError', retryAfterSeconds: 2 }),
    );
    now = 1_500;
    expect(() => buckets.take('alice')).toThrow(expect.objectContaining({ retryAfterSeconds: 1 }));
    now = 2_000;
    buckets.take('alice');
    expect(() => buckets.take('alice')).toThrow(expect.objectContaining({ retryAfterSeconds: 2 }));
    // Idle for long: back at the limit, not above it.
    now = 1_000_000;
    for (let i = 0; i < 4; i++) buckets.take('alice');
    expect(() => buckets.take('alice')).toThrow(
      expect.objectContaining({ name: 'RateLimitedError' }),
    );
  });
});
