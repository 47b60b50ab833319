import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken, newDataDir, type ServerProcess, startServerProcess } from './serverProcess';
import { bearer, itemAdded, postPush, pullAll, pushOf } from './wire';

describe('the real server over HTTP (embedded Postgres, loopback)', () => {
  let server: ServerProcess;
  let alice: string;
  beforeAll(async () => {
    server = await startServerProcess();
    alice = await devToken(server.url, 'alice', ['shop-1']);
  }, 120_000);
  afterAll(() => server.stop());

  it('answers health and readiness', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('refuses a push without a token or with a bad one (401) and stores nothing', async () => {
    const body = pushOf('shop-1', 'phone', 'cart-401', 0, [itemAdded('phone', '401')]);
    const none = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'Unauthorized' });
    const forged = await postPush(server.url, `${alice.slice(0, -4)}AAAA`, body);
    expect(forged.status).toBe(401);
    expect(await pullAll(server.url, alice, 'shop-1')).toEqual([]);
  });

  it('refuses a scope the token does not grant (403), for push and pull, and stores nothing', async () => {
    const pushed = await postPush(
      server.url,
      alice,
      pushOf('shop-2', 'phone', 'cart-403', 0, [itemAdded('phone', '403')]),
    );
    expect(pushed.status).toBe(403);
    expect(await pushed.json()).toMatchObject({ error: 'Forbidden' });
    const pulled = await fetch(`${server.url}/api/sync/pull?scope=shop-2&after=0&limit=10`, {
      headers: bearer(alice),
    });
    expect(pulled.status).toBe(403);
    const bob = await devToken(server.url, 'bob', ['shop-2']);
    expect(await pullAll(server.url, bob, 'shop-2')).toEqual([]);
  });

  it('stores a push in its scope and serves it to a pull of that scope only', async () => {
    const event = itemAdded('laptop', 'stored');
    const response = await postPush(
      server.url,
      alice,
      pushOf('shop-1', 'laptop', 'cart-stored', 0, [event]),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      results: [{ stream: 'cart-stored', status: 'accepted' }],
    });
    const pulled = await pullAll(server.url, alice, 'shop-1');
    expect(pulled.map((e) => e.id)).toContain(event.id);
    const both = await devToken(server.url, 'carol', ['shop-1', 'shop-3']);
    expect(await pullAll(server.url, both, 'shop-3')).toEqual([]);
  });

  it("refuses events that carry another device's id, and a device id claimed by another person", async () => {
    const forged = await postPush(
      server.url,
      alice,
      pushOf('shop-1', 'alices-phone', 'cart-forged', 0, [itemAdded('someone-else', 'forged')]),
    );
    expect(forged.status).toBe(200);
    expect(await forged.json()).toMatchObject({
      results: [{ stream: 'cart-forged', status: 'refused' }],
    });
    const mallory = await devToken(server.url, 'mallory', ['shop-1']);
    const stolen = await postPush(
      server.url,
      mallory,
      pushOf('shop-1', 'laptop', 'cart-stolen', 0, [itemAdded('laptop', 'stolen')]),
    );
    expect(stolen.status).toBe(403);
    const ids = (await pullAll(server.url, alice, 'shop-1')).map((e) => e.stream);
    expect(ids).not.toContain('cart-forged');
    expect(ids).not.toContain('cart-stolen');
  });

  it('refuses a body over the limit before reading it as JSON (413), with a JSON error and no stack', async () => {
    const response = await postPush(server.url, alice, `{"pad":"${'x'.repeat(1_100_000)}"}`);
    expect(response.status).toBe(413);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'PayloadTooLarge' });
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('echoes the request id and logs the request with it', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'req-from-test' },
    });
    expect(response.headers.get('x-request-id')).toBe('req-from-test');
    await expect
      .poll(() => server.logs.some((line) => JSON.stringify(line).includes('req-from-test')))
      .toBe(true);
  });

  it('answers a dev token request only where dev tokens are on', { timeout: 180_000 }, async () => {
    const off = await startServerProcess({ LOGBOOK_DEV_TOKENS: '0' });
    try {
      const response = await fetch(`${off.url}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: 'alice', scopes: ['shop-1'] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});

describe('the real server, per token limits', () => {
  it('answers 429 with Retry-After once a token has made its requests for the minute', {
    timeout: 180_000,
  }, async () => {
    const server = await startServerProcess({ LOGBOOK_REQUESTS_PER_MINUTE: '5' });
    try {
      const token = await devToken(server.url, 'alice', ['shop-1']);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const response = await fetch(`${server.url}/api/sync/pull?scope=shop-1&after=0&limit=1`, {
          headers: bearer(token),
        });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const other = await devToken(server.url, 'bob', ['shop-1']);
      const fresh = await fetch(`${server.url}/api/sync/pull?scope=shop-1&after=0&limit=1`, {
        headers: bearer(other),
      });
      expect(fresh.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('the real server, restarted', () => {
  it('keeps its data and its tokens across a restart (SIGTERM, then start on the same data dir)', {
    timeout: 180_000,
  }, async () => {
    const dataDir = await newDataDir();
    const first = await startServerProcess({ LOGBOOK_DATA_DIR: dataDir });
    const token = await devToken(first.url, 'alice', ['shop-1']);
    const event = itemAdded('phone', 'kept');
    expect(
      (await postPush(first.url, token, pushOf('shop-1', 'phone', 'cart-kept', 0, [event]))).status,
    ).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);
    const second = await startServerProcess({ LOGBOOK_DATA_DIR: dataDir });
    try {
      expect((await pullAll(second.url, token, 'shop-1')).map((e) => e.id)).toEqual([event.id]);
    } finally {
      await second.stop();
    }
  });
});
