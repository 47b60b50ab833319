import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { devTokenSource } from '../../../src/demo/app/signin/devTokenSource';
import { detectSyncMode } from '../../../src/demo/app/signin/syncMode';
import { workerNameOf, workerSetupOf } from '../../../src/demo/app/signin/workerSetup';
import { PEOPLE } from '../../../src/demo/people';
import { jwtAuth } from '../../../src/server/app/auth';
import { SECRET, testApp } from '../server/app/appFixture';

const [ada] = PEOPLE as [(typeof PEOPLE)[number]];
const ORIGIN = 'http://shop.test';

/** Every fetch goes to `answer`, counted. */
function serveFetch(answer: (request: Request) => Promise<Response> | Response) {
  const requests: Request[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), ORIGIN), init);
    requests.push(request);
    return answer(request);
  });
  return requests;
}

/** A localStorage of its own for each test (Node has none). */
beforeEach(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
    removeItem: (key: string) => items.delete(key),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the demo’s development tokens', () => {
  const devServer = () =>
    testApp({ auth: jwtAuth({ secret: SECRET }), devTokens: { secret: SECRET } }).app;

  it('asks the server for a token of the person’s shops, lasting as long as asked', async () => {
    const app = devServer();
    serveFetch((request) => app.fetch(request));
    const token = await devTokenSource(ada, { lifetimeSeconds: 600, origin: ORIGIN })();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'ada', scopes: ['shop-ada', 'shop-shared'] });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  });

  it('keeps a token until shortly before it expires, then asks for a new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:00:00Z') });
    const app = devServer();
    const requests = serveFetch((request) => app.fetch(request));
    const tokens = devTokenSource(ada, { lifetimeSeconds: 600, origin: ORIGIN });
    const first = await tokens();
    vi.setSystemTime(new Date('2026-12-01T10:08:59Z'));
    expect(await tokens()).toBe(first);
    expect(requests).toHaveLength(1);
    // A minute before it expires, it is renewed.
    vi.setSystemTime(new Date('2026-12-01T10:09:01Z'));
    const second = await tokens();
    expect(requests).toHaveLength(2);
    expect(decodeJwt(second).exp).toBeGreaterThan(decodeJwt(first).exp ?? 0);
  });

  it('never hands out a token the server finds expired, though the server counts whole seconds', async () => {
    // Asked late in a second, a token's expiry (whole seconds from when it was issued) comes up
    // to a second before its lifetime has passed.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:00:00.900Z') });
    const app = devServer();
    serveFetch((request) => app.fetch(request));
    const tokens = devTokenSource(ada, { lifetimeSeconds: 5, origin: ORIGIN });
    expect(decodeJwt(await tokens()).exp).toBe(Date.parse('2026-12-01T10:00:05Z') / 1000);
    // Its lifetime has not passed since it was asked for, but the server refuses it already.
    vi.setSystemTime(new Date('2026-12-01T10:00:05.100Z'));
    const token = await tokens();
    expect((decodeJwt(token).exp ?? 0) * 1000).toBeGreaterThan(Date.now());
  });

  it('fails with the server’s words when it hands out no tokens', async () => {
    const app = testApp({ auth: jwtAuth({ secret: SECRET }) }).app;
    serveFetch((request) => app.fetch(request));
    await expect(devTokenSource(ada, { origin: ORIGIN })()).rejects.toThrow(
      'No token for Ada: Nothing at /api/dev/token',
    );
  });

  it('fails as a network failure when the server cannot be reached, so the device shows Offline', async () => {
    serveFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(devTokenSource(ada, { origin: ORIGIN })()).rejects.toMatchObject({
      name: 'SyncNetworkError',
      reason: 'Failed to fetch',
    });
  });
});

describe('where the demo syncs', () => {
  it('with the Logbook server when it answers the health check, and remembers it offline', async () => {
    const app = testApp().app;
    serveFetch((request) => app.fetch(request));
    expect(await detectSyncMode()).toBe('server');
    serveFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await detectSyncMode()).toBe('server');
  });

  it('with the mock when the page’s server answers with a page, and then offline too', async () => {
    serveFetch(() => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    expect(await detectSyncMode()).toBe('mock');
    serveFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await detectSyncMode()).toBe('mock');
  });

  it('tells the worker its mode through its name', () => {
    const name = workerNameOf({ mode: 'server' });
    expect(workerSetupOf(name)).toEqual({ mode: 'server' });
    expect(workerSetupOf('')).toEqual({ mode: 'mock' });
  });
});
